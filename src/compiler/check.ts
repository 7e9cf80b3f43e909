import { bindingNames, parameterMap, pointerOf, type ParameterDef } from './map.js'
import { isSecretRef, SURFACES, type CanonicalParams, type ParamValue, type ParameterId, type Surface } from './types.js'

/** 'rendered': the auth-server container's variable `key` differs between the render of the file and of the spec (check --registry). */
export type DriftKind = 'changed' | 'missing' | 'extra' | 'unknown-key' | 'secret-literal' | 'between-files' | 'rendered'

export interface Drift {
  kind: DriftKind
  id?: ParameterId
  surface: Surface
  /** The parameter's name on each surface, for the report. */
  names: Partial<Record<Surface, string>>
  expected?: string
  actual?: string
  file?: string
  key?: string
  pointer?: string
}

/** Secrets are compared by presence and reference, never by value. */
function show(p: ParameterDef | undefined, v: ParamValue | undefined): string | undefined {
  if (v === undefined) return undefined
  if (isSecretRef(v)) return 'value' in v ? '<a secret value>' : JSON.stringify(v)
  return JSON.stringify(v)
}

function same(p: ParameterDef, a: ParamValue, b: ParamValue): boolean {
  if (p.secret && isSecretRef(a) && isSecretRef(b) && ('value' in a || 'value' in b)) return true
  return JSON.stringify(a) === JSON.stringify(b)
}

export function namesOf(p: ParameterDef): Partial<Record<Surface, string>> {
  const out: Partial<Record<Surface, string>> = {}
  for (const s of SURFACES) {
    // a parameter without a line in .env still has the variable the containers read (`container:`)
    const n = bindingNames(p.surfaces[s]).join(', ') || p.surfaces[s].container
    if (n) out[s] = n
  }
  return out
}

/** Expected (what the spec compiles to on this surface) against what the surface files hold. */
export function diffSurface(surface: Surface, expected: CanonicalParams, actual: CanonicalParams): Drift[] {
  const out: Drift[] = []
  for (const p of parameterMap().parameters) {
    const e = expected.get(p.id)
    const a = actual.get(p.id)
    if (e === undefined && a === undefined) continue
    const base = { id: p.id, surface, names: namesOf(p), pointer: pointerOf(p.id), expected: show(p, e), actual: show(p, a) }
    if (a === undefined) out.push({ kind: 'missing', ...base })
    else if (e === undefined) out.push({ kind: 'extra', ...base })
    else if (!same(p, e, a)) out.push({ kind: 'changed', ...base })
  }
  return out
}

/** Parameters that two surfaces' files both hold, with different values. */
export function diffBetween(files: { surface: Surface; params: CanonicalParams }[]): Drift[] {
  const out: Drift[] = []
  for (const p of parameterMap().parameters) {
    const held = files.filter((f) => f.params.has(p.id))
    const first = held[0]
    for (const other of held.slice(1)) {
      if (same(p, first!.params.get(p.id)!, other.params.get(p.id)!)) continue
      out.push({ kind: 'between-files', id: p.id, surface: other.surface, names: namesOf(p), pointer: pointerOf(p.id), expected: `${first!.surface}: ${show(p, first!.params.get(p.id))}`, actual: `${other.surface}: ${show(p, other.params.get(p.id))}` })
    }
  }
  return out
}
