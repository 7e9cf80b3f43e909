/**
 * Probes for "the surface cannot carry it": where the map says a parameter is absent on Compose or
 * ECS, the render is run once more with the variable set anyway — the container variable in the
 * .env, and its snake_case as TF_VAR_<name> (terraform takes it only when the module declares such a
 * variable). If a container that reads the parameter then gets the value, the surface can carry it
 * and the map is wrong. Names a carried parameter already sets are left alone. Pure.
 */
import { containerName, parameterMap, readersOf, type ParameterDef } from '../../src/compiler/map.js'
import { isSecretRef, type CanonicalParams, type ParameterId, type Surface } from '../../src/compiler/types.js'

export type ProbeSurface = Extract<Surface, 'env' | 'terraform'>
export const PROBE_SURFACES: readonly ProbeSurface[] = ['env', 'terraform']

export interface Probe {
  /** The variable set in the probe (.env name, or TF_VAR_ name). */
  name: string
  value: string
}

export interface ProbeInput {
  files: Record<string, string>
  processEnv: Record<string, string>
  probes: Map<ParameterId, Probe>
}

/** The flat string a parameter's value probes with (a list as a container would hold it). */
function flat(v: unknown, processEnv: Record<string, string>): string | undefined {
  if (isSecretRef(v)) return 'env' in v ? processEnv[v.env] : undefined
  if (Array.isArray(v)) return v.join(',')
  return v === undefined ? undefined : String(v)
}

/** Whether a binding says "cannot carry" with nothing else to check (not fixed, not another parameter's value). */
const plainAbsent = (p: ParameterDef, s: Surface): boolean => {
  const b = p.surfaces[s]
  return b.absent !== undefined && b.fixed === undefined && b.sameAs === undefined && !b.unproven && p.spec !== false
}

/** Candidate names a surface would read the parameter under. */
function candidates(p: ParameterDef, s: ProbeSurface): string[] {
  const names = [...new Set([containerName(p), ...readersOf(p).flatMap((r) => r.variables)].filter((n): n is string => n !== undefined))]
  return s === 'env' ? names : names.map((n) => n.toLowerCase())
}

/** Names the emitted files already set (a probe must not override a carried value). */
function taken(files: Record<string, string>, s: ProbeSurface): Set<string> {
  const text = Object.values(files).join('\n')
  const re = s === 'env' ? /^([A-Za-z_][A-Za-z0-9_]*)=/gm : /^([A-Za-z_][A-Za-z0-9_]*)\s*=/gm
  return new Set([...text.matchAll(re)].map((m) => m[1]!))
}

export function probeInput(s: ProbeSurface, params: CanonicalParams, files: Record<string, string>, processEnv: Record<string, string>): ProbeInput {
  const used = taken(files, s)
  const probes = new Map<ParameterId, Probe>()
  for (const p of parameterMap().parameters) {
    const value = flat(params.get(p.id), processEnv)
    // a list would need HCL list syntax in TF_VAR_; its items are checked on the surfaces that carry it
    if (!plainAbsent(p, s) || value === undefined || value === '' || /['\n\\]/.test(value) || (s === 'terraform' && p.type === 'list')) continue
    const name = candidates(p, s).find((n) => !used.has(n) && ![...probes.values()].some((x) => x.name === n))
    if (name) probes.set(p.id, { name, value })
  }
  const lines = [...probes.values()]
  if (s === 'env') return { files: { ...files, '.env': `${files['.env'] ?? ''}\n${lines.map((x) => `${x.name}='${x.value}'`).join('\n')}\n` }, processEnv, probes }
  return { files, processEnv: { ...processEnv, ...Object.fromEntries(lines.map((x) => [`TF_VAR_${x.name}`, x.value])) }, probes }
}
