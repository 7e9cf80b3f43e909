/**
 * One parameter on one surface, judged from the real render of its home spec: the value the
 * compiler made of the spec must arrive in every rendered container that the map says reads it,
 * under the variable the map names (surfaces.env.name / container) — or, where the map says the
 * surface cannot carry it (absent), it must not arrive there (and fixed / sameAs must hold). Pure.
 */
import { containerName, type ParameterDef } from '../../src/compiler/map.js'
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

/** A canonical value as a container would hold it; lists: their items (any separator). */
function expected(v: unknown, processEnv: Record<string, string>): { exact?: string; items?: string[] } | undefined {
  if (v === undefined) return undefined
  if (isSecretRef(v)) return 'env' in v && processEnv[v.env] !== undefined ? { exact: processEnv[v.env] } : undefined
  if (Array.isArray(v)) return { items: v.map(String) }
  return { exact: String(v) }
}

function matches(got: string | undefined, want: { exact?: string; items?: string[] }): boolean {
  if (got === undefined) return false
  if (want.items) return want.items.every((i) => got.includes(i))
  return typeof want.exact === 'string' && (got === want.exact || (/^(true|false)$/i.test(want.exact) && got.toLowerCase() === want.exact))
}

/** A value only this parameter has (so finding it elsewhere in a container means it arrived there). */
function distinctive(want: { exact?: string; items?: string[] }): boolean {
  const s = want.exact ?? want.items?.[0] ?? ''
  return /t\d{4}q/.test(s) || s.startsWith('s3cr3t-')
}

/** Variables of a container that hold the value. */
function holders(c: RenderedContainer, want: { exact?: string; items?: string[] }): string[] {
  if (!distinctive(want)) return []
  return Object.entries(c.env).filter(([, v]) => matches(v.value, want)).map(([k]) => k)
}

const HELM = new Set<Surface>(['helm', 'helm-stack'])

/** A container whose environment comes (partly) from regcfg's env Secret (its values say where they came from). */
const fedBySecret = (c: RenderedContainer): boolean => Object.values(c.env).some((v) => v.detail?.includes(`(Secret ${ENV_SECRET})`))

const show = (v: string | undefined, secret: boolean): string => (v === undefined ? 'unset' : secret ? '(a secret value)' : JSON.stringify(v))

export function judge(p: ParameterDef, surface: Surface, params: CanonicalParams, processEnv: Record<string, string>, r: RenderResult): Verdict {
  const failed = r.problems.filter((d) => TOOL_FAILED.has(d.code))
  const readers = p.reads ?? []
  const rendered = readers.filter((c) => r.containers[c])
  const unrendered = readers.filter((c) => !r.containers[c])
  if (failed.length) return { ok: false, detail: `the ${surface} render failed: ${failed.map((d) => d.message).join('; ')}`, unrendered }
  const b = p.surfaces[surface]
  const name = containerName(p)
  const secret = p.secret === true

  if (b.absent !== undefined) {
    const want = b.sameAs ? expected(params.get(b.sameAs), processEnv) : b.fixed !== undefined ? { exact: String(b.fixed) } : undefined
    if (want && name) {
      const wrong = rendered.filter((c) => !matches(r.containers[c]!.env[name]?.value, want))
      if (wrong.length) return { ok: false, detail: `the map says ${surface} ${b.sameAs ? `uses ${b.sameAs}'s value` : `hard-codes ${JSON.stringify(b.fixed)}`} for ${name}, but ${wrong.map((c) => `${c} has ${show(r.containers[c]!.env[name]?.value, secret)}`).join(', ')}`, unrendered }
    }
    const own = expected(params.get(p.id), processEnv)
    if (!own || (want && matches(want.exact, own))) return { ok: true, detail: `absent: ${b.absent}`, unrendered }
    // Helm: no values path, but the env Secret carries every parameter with a container name to the
    // containers that read the Secret (the map's header); everywhere else absent means it never arrives
    const viaSecret = (c: string) => name !== undefined && HELM.has(surface) && fedBySecret(r.containers[c]!)
    const lost = rendered.filter((c) => viaSecret(c) && !matches(r.containers[c]!.env[name!]?.value, own))
    if (lost.length) return { ok: false, detail: `the env Secret should carry ${name} to ${lost.join(', ')} (which read it), but ${lost.map((c) => `${c} has ${show(r.containers[c]!.env[name!]?.value, secret)}`).join(', ')}`, unrendered }
    const arrived = rendered.filter((c) => !viaSecret(c)).flatMap((c) => [
      ...(name && matches(r.containers[c]!.env[name]?.value, own) && !(b.default !== undefined && String(b.default) === own.exact) ? [`${c} ${name}`] : []),
      ...holders(r.containers[c]!, own).filter((k) => k !== name).map((k) => `${c} ${k}`),
    ])
    if (arrived.length) return { ok: false, detail: `the map says ${surface} cannot carry it (${b.absent}), but the render shows its value at ${[...new Set(arrived)].join(', ')}: give it its name on ${surface}`, unrendered }
    const carried = rendered.filter(viaSecret)
    return { ok: true, detail: carried.length ? `no values path; the env Secret carries it to ${carried.join(', ')}` : `absent: ${b.absent}`, unrendered }
  }

  const want = expected(params.get(p.id), processEnv)
  if (!want) return { ok: false, detail: `the generated spec gives ${p.id} no value (derived from nothing in the ${p.provider ?? 'default'} spec?)`, unrendered }
  if (readers.length === 0) {
    const named = r.problems.filter((d) => d.severity === 'error' && [b.name, b.path, ...(b.names ?? []), ...(b.paths ?? [])].some((n) => n && d.message.includes(n)))
    if (named.length) return { ok: false, detail: `the ${surface} render rejects it: ${named.map((d) => d.message).join('; ')}`, unrendered }
    return { ok: true, detail: 'no container reads it (infrastructure); the render takes it without a problem', unrendered }
  }
  if (rendered.length === 0) return { ok: false, detail: `no container that reads it (${readers.join(', ')}) is in the ${surface} render (it has ${Object.keys(r.containers).join(', ') || 'none'}): mark the surface absent with the reason, or render the container`, unrendered }
  const missing: string[] = []
  for (const c of rendered) {
    const env = r.containers[c]!.env
    if (name && matches(env[name]?.value, want)) continue
    const elsewhere = holders(r.containers[c]!, want)
    missing.push(elsewhere.length
      ? `${c} gets it as ${elsewhere.join(', ')}${name ? `, not ${name}` : ''}`
      : `${c} has ${name ? `${name} ${show(env[name]?.value, secret)}` : 'it nowhere (the map names no container variable)'}`)
  }
  if (missing.length) return { ok: false, detail: `the value does not arrive where the map says: ${missing.join('; ')}`, unrendered }
  return { ok: true, detail: `arrives in ${rendered.join(', ')}${name ? ` as ${name}` : ''}`, unrendered }
}
