/**
 * One parameter on one surface, judged from the real render of its home spec: the value the
 * compiler made of the spec must arrive in every rendered container that the map says reads it,
 * under the variable it reads (readersOf: the .env name, or its own) — except the readers the
 * surface's files do not pass it to (misses:), which must not get it. Where the map says the surface
 * cannot carry it (absent), it must not arrive there (and fixed / sameAs must hold); on Helm, absent
 * means no values path, and the env Secret carries every parameter with a container name to the
 * containers that read that Secret (the map's header). Pure.
 */
import { containerName, readersOf, type ParameterDef } from '../../src/compiler/map.js'
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

export function judge(p: ParameterDef, surface: Surface, params: CanonicalParams, processEnv: Record<string, string>, r: RenderResult, probe?: ProbeRender): Verdict {
  const b = p.surfaces[surface]
  const misses = new Set(b.misses ?? [])
  const all = readersOf(p)
  const unrendered = all.filter((x) => !r.containers[x.container]).map((x) => x.container)
  const rendered: Reader[] = all.filter((x) => r.containers[x.container]).map((x) => ({ ...x, c: r.containers[x.container]! }))
  const failed = r.problems.filter((d) => TOOL_FAILED.has(d.code))
  if (failed.length) return { ok: false, detail: `the ${surface} render failed: ${failed.map((d) => d.message).join('; ')}`, unrendered }
  const secret = p.secret === true
  const own = expected(params.get(p.id), processEnv)
  const has = (x: Reader, want: Want) => x.variables.some((v) => matches(x.c.env[v]?.value, want))
  const isDefault = (want: Want) => b.default !== undefined && String(b.default) === want.exact

  // readers the surface's files do not pass it to must not get it (else the drift is gone: drop misses)
  const unexpected = own ? rendered.filter((x) => misses.has(x.container) && has(x, own) && !isDefault(own)) : []
  if (unexpected.length) return { ok: false, detail: `the map says ${surface} does not pass it to ${unexpected.map((x) => x.container).join(', ')} (misses), but ${unexpected.map((x) => `${x.container} has ${held(x, secret)}`).join(', ')}: drop them from misses`, unrendered }
  const reached = rendered.filter((x) => !misses.has(x.container))

  if (b.absent !== undefined) {
    const want = b.sameAs ? expected(params.get(b.sameAs), processEnv) : b.fixed !== undefined ? { exact: String(b.fixed) } : undefined
    if (want) {
      const wrong = reached.filter((x) => x.variables.length && !has(x, want))
      if (wrong.length) return { ok: false, detail: `the map says ${surface} ${b.sameAs ? `uses ${b.sameAs}'s value` : `hard-codes ${JSON.stringify(b.fixed)}`}, but ${wrong.map((x) => `${x.container} has ${held(x, secret)}`).join(', ')}`, unrendered }
    }
    if (!own || (want && matches(want.exact, own))) return { ok: true, detail: `absent: ${b.absent}`, unrendered }
    if (p.spec === false) return { ok: true, detail: `derived (${p.derive}): the surface carries what it derives from; absent: ${b.absent}`, unrendered }
    const name = containerName(p)
    const viaSecret = (x: Reader) => name !== undefined && x.variables.includes(name) && HELM.has(surface) && fedBySecret(x.c)
    const lost = reached.filter((x) => viaSecret(x) && !has(x, own))
    if (lost.length) return { ok: false, detail: `the env Secret should carry it to ${lost.map((x) => x.container).join(', ')} (which read it), but ${lost.map((x) => `${x.container} has ${held(x, secret)}`).join(', ')}: a chart env: entry wins over the Secret — give it its values path, or list the container in misses`, unrendered }
    const arrived = reached.filter((x) => !viaSecret(x)).flatMap((x) => [
      ...(has(x, own) && !isDefault(own) ? [`${x.container} ${x.variables.join('/')}`] : []),
      ...holders(x.c, own).filter((k) => !x.variables.includes(k)).map((k) => `${x.container} ${k}`),
    ])
    if (arrived.length) return { ok: false, detail: `the map says ${surface} cannot carry it (${b.absent}), but the render shows its value at ${[...new Set(arrived)].join(', ')}: give it its name on ${surface}`, unrendered }
    if (probe) {
      const failedProbe = probe.render.problems.filter((d) => TOOL_FAILED.has(d.code))
      if (failedProbe.length) return { ok: false, detail: `the probe render (${probe.name} set anyway) failed: ${failedProbe.map((d) => d.message).join('; ')}`, unrendered }
      // a variable the probe changed to the probe's value; a value others may share (a boolean, a
      // number) counts only under the names the parameter is read as
      const names = new Set([probe.name, probe.name.toUpperCase(), ...readersOf(p).flatMap((x) => x.variables)])
      const got = readersOf(p).flatMap((x) => {
        const c = probe.render.containers[x.container]
        if (!c || misses.has(x.container)) return []
        return Object.entries(c.env)
          .filter(([k, v]) => v.value === probe.value && r.containers[x.container]?.env[k]?.value !== probe.value && (distinctive({ exact: probe.value }) || names.has(k)))
          .map(([k]) => `${x.container} ${k}`)
      })
      if (got.length && !isDefault({ exact: probe.value })) return { ok: false, detail: `the map says ${surface} cannot carry it (${b.absent}), but with ${probe.name} set the render passes it to ${got.join(', ')}: give it its name on ${surface}`, unrendered }
    }
    const carried = reached.filter(viaSecret)
    return { ok: true, detail: carried.length ? `no values path; the env Secret carries it to ${carried.map((x) => x.container).join(', ')}` : `absent: ${b.absent}`, unrendered }
  }

  if (!own) return { ok: false, detail: `the generated spec gives ${p.id} no value (derived from nothing in the ${p.provider ?? 'default'} spec?)`, unrendered }
  // the tool's own word about one of the binding's names (an undeclared variable, a rejected value)
  const names = [b.name, b.path, ...(b.names ?? []), ...(b.paths ?? [])].filter((n): n is string => n !== undefined)
  const named = r.problems.filter((d) => names.some((n) => new RegExp(`["\`]${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["\`]|var\\.${n}\\b`).test(d.message)))
  if (named.length) return { ok: false, detail: `the ${surface} render objects to it: ${named.map((d) => d.message).join('; ')}`, unrendered }
  if (all.length === 0) {
    // infrastructure: no container reads it; where it shapes a container's image, the render shows it there
    const inImage = distinctive(own) ? Object.values(r.containers).filter((c) => c.image && [c.image.ref, c.image.pullPolicy].some((v) => v !== undefined && matches(v, own) || (v !== undefined && own.exact !== undefined && v.includes(own.exact)))).map((c) => c.name) : []
    return { ok: true, detail: inImage.length ? `infrastructure: shows in the image of ${inImage.join(', ')}` : 'no container reads it (infrastructure); the render takes it without a word', unrendered }
  }
  if (reached.length === 0) {
    if (unrendered.length > 0) return { ok: false, detail: `of its readers, ${surface} passes it only to ${unrendered.join(', ')}, which its renderer does not render: render the container, or say why not (unproven)`, unrendered }
    if (rendered.length > 0) return { ok: false, detail: `${surface} passes it to none of its readers (misses: ${[...misses].join(', ')}): the binding writes a value nothing reads — make it absent`, unrendered }
    return { ok: false, detail: `no container that reads it (${all.map((x) => x.container).join(', ')}) is in the ${surface} render (it has ${Object.keys(r.containers).join(', ') || 'none'}): mark the surface absent with the reason, or render the container`, unrendered }
  }
  const missing = reached.filter((x) => !has(x, own)).map((x) => {
    const elsewhere = holders(x.c, own)
    return elsewhere.length
      ? `${x.container} gets it as ${elsewhere.join(', ')}${x.variables.length ? `, not ${x.variables.join(' / ')}` : ''}`
      : `${x.container} has ${x.variables.length ? held(x, secret) : 'it nowhere (the map names no container variable)'}`
  })
  if (missing.length) return { ok: false, detail: `the value does not arrive where the map says: ${missing.join('; ')}`, unrendered }
  return { ok: true, detail: `arrives in ${reached.map((x) => `${x.container} as ${x.variables.find((v) => matches(x.c.env[v]?.value, own)) ?? '?'}`).join(', ')}`, unrendered }
}
