/**
 * One parameter on one surface, judged from the real render of its home spec: the value the
 * compiler made of the spec must arrive in every rendered container that the map says reads it,
 * under the variable it reads (readersOf: the .env name, or its own) — except the readers the
 * surface's files do not pass it to (misses:), which must not get it. Where the map says the surface
 * cannot carry it (absent), it must not arrive there (and fixed / sameAs must hold); on Helm, absent
 * means no values path, and the env Secret carries every parameter with a container name to the
 * containers that read that Secret (the map's header). Pure.
 */
import { containerName, readersOf, type Binding, type ParameterDef } from '../../src/compiler/map.js'
import { isSecretRef, type CanonicalParams, type Surface } from '../../src/compiler/types.js'
import type { RenderedContainer, RenderResult } from '../../targets/_render/types.js'
import { ENV_SECRET } from './_parameter-specs.js'

export interface Verdict {
  ok: boolean
  /** What was found (or why it fails), naming the fix. */
  detail: string
  /** Readers the renderer does not render on this surface (so the case cannot show them reading it). */
  unrendered: string[]
}

/** Problems that mean the tool (or the Secret script) refused the files: no case can be read from such a render. */
const TOOL_FAILED = new Set(['RC7002', 'RC7102', 'RC7007'])
const HELM = new Set<Surface>(['helm', 'helm-stack'])

interface Want {
  exact?: string
  items?: string[]
}

/** A canonical value as a container would hold it; lists: their items (any separator). */
function expected(v: unknown, processEnv: Record<string, string>): Want | undefined {
  if (v === undefined) return undefined
  if (isSecretRef(v)) return 'env' in v && processEnv[v.env] !== undefined ? { exact: processEnv[v.env] } : undefined
  if (Array.isArray(v)) return { items: v.map(String) }
  return { exact: String(v) }
}

function matches(got: string | undefined, want: Want): boolean {
  if (got === undefined) return false
  if (want.items) return want.items.every((i) => got.includes(i))
  return typeof want.exact === 'string' && (got === want.exact || (/^(true|false)$/i.test(want.exact) && got.toLowerCase() === want.exact))
}

/** A value only this parameter has (so finding it elsewhere in a container means it arrived there). */
function distinctive(want: Want): boolean {
  const s = want.exact ?? want.items?.[0] ?? ''
  return /t\d{4}q/.test(s) || s.startsWith('s3cr3t-')
}

/** Variables of a container that hold the value. */
function holders(c: RenderedContainer, want: Want): string[] {
  if (!distinctive(want)) return []
  return Object.entries(c.env).filter(([, v]) => matches(v.value, want)).map(([k]) => k)
}

/** A container whose environment comes (partly) from regcfg's env Secret (its values say where they came from). */
const fedBySecret = (c: RenderedContainer): boolean => Object.values(c.env).some((v) => v.detail?.includes(`(Secret ${ENV_SECRET})`))

const show = (v: string | undefined, secret: boolean): string => (v === undefined ? 'unset' : secret ? '(a secret value)' : JSON.stringify(v))

interface Reader {
  container: string
  /** The variables it reads the parameter as (any one will do). */
  variables: string[]
  c: RenderedContainer
}

/** What a reader holds under its variables, for messages. */
const held = (x: Reader, secret: boolean): string => (x.variables.length ? x.variables.map((v) => `${v} ${show(x.c.env[v]?.value, secret)}`).join(' / ') : 'no variable the map names')

/** A render with the parameter's variable set although the map says the surface cannot carry it. */
export interface ProbeRender {
  name: string
  value: string
  render: RenderResult
}

/** What every step of a judgement reads. */
interface Ctx {
  p: ParameterDef
  surface: Surface
  b: Binding
  r: RenderResult
  params: CanonicalParams
  processEnv: Record<string, string>
  own: Want | undefined
  misses: Set<string>
  /** Rendered readers the surface's files pass it to (not in misses). */
  reached: Reader[]
  unrendered: string[]
  secret: boolean
}

const has = (x: Reader, want: Want): boolean => x.variables.some((v) => matches(x.c.env[v]?.value, want))
const isDefault = (b: Binding, want: Want): boolean => b.default !== undefined && String(b.default) === want.exact

export function judge(p: ParameterDef, surface: Surface, params: CanonicalParams, processEnv: Record<string, string>, r: RenderResult, probe?: ProbeRender): Verdict {
  const b = p.surfaces[surface]
  const misses = new Set(b.misses ?? [])
  const all = readersOf(p)
  const unrendered = all.filter((x) => !r.containers[x.container]).map((x) => x.container)
  const rendered: Reader[] = all.filter((x) => r.containers[x.container]).map((x) => ({ ...x, c: r.containers[x.container]! }))
  const fail = (detail: string): Verdict => ({ ok: false, detail, unrendered })
  const failed = r.problems.filter((d) => TOOL_FAILED.has(d.code))
  if (failed.length) return fail(`the ${surface} render failed: ${failed.map((d) => d.message).join('; ')}`)
  const secret = p.secret === true
  const own = expected(params.get(p.id), processEnv)
  // readers the surface's files do not pass it to must not get it (else the drift is gone: drop misses)
  const unexpected = own ? rendered.filter((x) => misses.has(x.container) && has(x, own) && !isDefault(b, own)) : []
  if (unexpected.length) return fail(`the map says ${surface} does not pass it to ${unexpected.map((x) => x.container).join(', ')} (misses), but ${unexpected.map((x) => `${x.container} has ${held(x, secret)}`).join(', ')}: drop them from misses`)
  const ctx: Ctx = { p, surface, b, r, params, processEnv, own, misses, reached: rendered.filter((x) => !misses.has(x.container)), unrendered, secret }
  const detail = b.absent !== undefined ? absent(ctx, probe) : carried(ctx, all.length, rendered.length)
  return { ok: !detail.startsWith('✗'), detail: detail.replace(/^✗ /, ''), unrendered }
}

/** A verdict text; a failure starts with ✗. */
type Detail = string
const no = (s: string): Detail => `✗ ${s}`

/** The map says the surface cannot carry it: fixed / sameAs hold, the value does not arrive (Helm: the env Secret's reach), the probe finds no way in. */
function absent(x: Ctx, probe: ProbeRender | undefined): Detail {
  const { p, b, surface, own, reached, secret } = x
  const want = b.sameAs ? expected(x.params.get(b.sameAs), x.processEnv) : b.fixed !== undefined ? { exact: String(b.fixed) } : undefined
  if (want) {
    const wrong = reached.filter((y) => y.variables.length && !has(y, want))
    if (wrong.length) return no(`the map says ${surface} ${b.sameAs ? `uses ${b.sameAs}'s value` : `hard-codes ${JSON.stringify(b.fixed)}`}, but ${wrong.map((y) => `${y.container} has ${held(y, secret)}`).join(', ')}`)
  }
  if (!own || (want && matches(want.exact, own))) return `absent: ${b.absent}`
  if (p.spec === false) return `derived (${p.derive}): the surface carries what it derives from; absent: ${b.absent}`
  const name = containerName(p)
  const viaSecret = (y: Reader) => name !== undefined && y.variables.includes(name) && HELM.has(surface) && fedBySecret(y.c)
  const lost = reached.filter((y) => viaSecret(y) && !has(y, own))
  if (lost.length) return no(`the env Secret should carry it to ${lost.map((y) => y.container).join(', ')} (which read it), but ${lost.map((y) => `${y.container} has ${held(y, secret)}`).join(', ')}: a chart env: entry wins over the Secret — give it its values path, or list the container in misses`)
  const arrived = reached.filter((y) => !viaSecret(y)).flatMap((y) => [
    ...(has(y, own) && !isDefault(b, own) ? [`${y.container} ${y.variables.join('/')}`] : []),
    ...holders(y.c, own).filter((k) => !y.variables.includes(k)).map((k) => `${y.container} ${k}`),
  ])
  if (arrived.length) return no(`the map says ${surface} cannot carry it (${b.absent}), but the render shows its value at ${[...new Set(arrived)].join(', ')}: give it its name on ${surface}`)
  const probed = probe ? probeFinds(x, probe) : undefined
  if (probed) return probed
  const carriedBy = reached.filter(viaSecret)
  return carriedBy.length ? `no values path; the env Secret carries it to ${carriedBy.map((y) => y.container).join(', ')}` : `absent: ${b.absent}`
}

/** With the variable set anyway: a reader that then gets the value shows the surface can carry it. */
function probeFinds(x: Ctx, probe: ProbeRender): Detail | undefined {
  const failedProbe = probe.render.problems.filter((d) => TOOL_FAILED.has(d.code))
  if (failedProbe.length) return no(`the probe render (${probe.name} set anyway) failed: ${failedProbe.map((d) => d.message).join('; ')}`)
  // a variable the probe changed to the probe's value; a value others may share (a boolean, a
  // number) counts only under the names the parameter is read as
  const names = new Set([probe.name, probe.name.toUpperCase(), ...readersOf(x.p).flatMap((y) => y.variables)])
  const got = readersOf(x.p).flatMap((y) => {
    const c = probe.render.containers[y.container]
    if (!c || x.misses.has(y.container)) return []
    return Object.entries(c.env)
      .filter(([k, v]) => v.value === probe.value && x.r.containers[y.container]?.env[k]?.value !== probe.value && (distinctive({ exact: probe.value }) || names.has(k)))
      .map(([k]) => `${y.container} ${k}`)
  })
  if (got.length && !isDefault(x.b, { exact: probe.value })) return no(`the map says ${x.surface} cannot carry it (${x.b.absent}), but with ${probe.name} set the render passes it to ${got.join(', ')}: give it its name on ${x.surface}`)
  return undefined
}

/** The map gives it a name on the surface: the tool takes the name, and every reader it reaches gets the value. */
function carried(x: Ctx, readers: number, rendered: number): Detail {
  const { p, b, surface, r, own, reached, unrendered, secret } = x
  if (!own) return no(`the generated spec gives ${p.id} no value (derived from nothing in the ${p.provider ?? 'default'} spec?)`)
  // the tool's own word about one of the binding's names (an undeclared variable, a rejected value)
  const names = [b.name, b.path, ...(b.names ?? []), ...(b.paths ?? [])].filter((n): n is string => n !== undefined)
  const quoted = (n: string) => new RegExp(`["\`]${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["\`]|var\\.${n}\\b`)
  const named = r.problems.filter((d) => names.some((n) => quoted(n).test(d.message)))
  if (named.length) return no(`the ${surface} render objects to it: ${named.map((d) => d.message).join('; ')}`)
  if (readers === 0) {
    // infrastructure: no container reads it; where it shapes a container's image, the render shows it there
    const inImage = distinctive(own) ? Object.values(r.containers).filter((c) => [c.image?.ref, c.image?.pullPolicy].some((v) => own.exact !== undefined && v?.includes(own.exact))).map((c) => c.name) : []
    return inImage.length ? `infrastructure: shows in the image of ${inImage.join(', ')}` : 'no container reads it (infrastructure); the render takes it without a word'
  }
  if (reached.length === 0) {
    if (unrendered.length > 0) return no(`of its readers, ${surface} passes it only to ${unrendered.join(', ')}, which its renderer does not render: render the container, or say why not (unproven)`)
    if (rendered > 0) return no(`${surface} passes it to none of its readers (misses: ${[...x.misses].join(', ')}): the binding writes a value nothing reads — make it absent`)
  }
  const missing = reached.filter((y) => !has(y, own)).map((y) => {
    const elsewhere = holders(y.c, own)
    return elsewhere.length
      ? `${y.container} gets it as ${elsewhere.join(', ')}${y.variables.length ? `, not ${y.variables.join(' / ')}` : ''}`
      : `${y.container} has ${y.variables.length ? held(y, secret) : 'it nowhere (the map names no container variable)'}`
  })
  if (missing.length) return no(`the value does not arrive where the map says: ${missing.join('; ')}`)
  return `arrives in ${reached.map((y) => `${y.container} as ${y.variables.find((v) => matches(y.c.env[v]?.value, own)) ?? '?'}`).join(', ')}`
}
