import { diag, hasErrors } from './diagnostics.js'
import { load, type SourceDoc } from './load.js'
import { rangeOf as rangeOfPointer, withPosition } from './locate.js'
import { effectiveOnSurface, parameterMap, pointerOf } from './map.js'
import { toParams } from './params.js'
import { lookup, resolve, type ResolvedSpec } from './resolve.js'
import { isSecretRef, SURFACES, type CanonicalParams, type Diagnostic, type ParameterId, type SecretRef, type Surface } from './types.js'
import { validate } from './validate.js'
import { targetFor, type EmitContext, type EmitResult } from '../../targets/index.js'

export interface Analysis {
  source?: SourceDoc
  resolved?: ResolvedSpec
  params?: CanonicalParams
  diagnostics: Diagnostic[]
}

/** load → validate → resolve → params, stopping at the first stage with errors; never throws. */
export function analyze(file: string, text: string): Analysis {
  const loaded = load(file, text)
  const source = loaded.source
  const done = (a: Omit<Analysis, 'diagnostics'>, ds: Diagnostic[]): Analysis => ({ ...a, diagnostics: sortByPosition(ds.map((d) => withPosition({ file, ...d }, source))) })
  if (!source || hasErrors(loaded.diagnostics)) return done({ source }, loaded.diagnostics)
  const validated = validate(source)
  const ds = [...loaded.diagnostics, ...validated.diagnostics]
  if (!validated.spec) return done({ source }, ds)
  const r = resolve(validated.spec, source)
  ds.push(...r.diagnostics)
  if (!r.resolved) return done({ source }, ds)
  return done({ source, resolved: r.resolved, params: toParams(r.resolved) }, ds)
}

/** Source order: what a reader sees top to bottom. Stable for diagnostics without a position. */
export function sortByPosition(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => (a.range?.[0] ?? Infinity) - (b.range?.[0] ?? Infinity))
}

/** RC4002 for every surface the spec deploys to: what `validate` warns about before any compile. */
export function surfaceWarnings(a: Analysis): Diagnostic[] {
  if (!a.params || !a.resolved) return []
  const surfaces = a.resolved.spec.deploy?.surfaces ?? [...SURFACES]
  const ctx: EmitContext = { secrets: new Map(), writeSecrets: true, envSecretName: '', specName: '' }
  return surfaces.flatMap((s) => notCarried(a, targetFor(s).carry(a.params!, ctx), s).map((d) => placeInSpec(d, a)))
}

/** The secret references a compile to these surfaces must resolve at the edge. */
export function secretsNeeded(params: CanonicalParams, surfaces: readonly Surface[], writeSecrets: boolean): Map<ParameterId, SecretRef> {
  const needed = new Map<ParameterId, SecretRef>()
  for (const p of parameterMap().parameters) {
    const v = params.get(p.id)
    if (!p.secret || !isSecretRef(v) || 'value' in v) continue
    const wants = (surfaces.includes('env') && p.surfaces.env.name) || (writeSecrets && surfaces.includes('terraform') && p.surfaces.terraform.name)
    if (wants) needed.set(p.id, v)
  }
  return needed
}

/** Emits every requested surface; diagnostics carry spec positions where they name a parameter. */
export function emitSurfaces(analysis: Analysis, surfaces: readonly Surface[], ctx: EmitContext): Map<Surface, EmitResult> {
  const out = new Map<Surface, EmitResult>()
  for (const s of surfaces) {
    const target = targetFor(s)
    const r = target.emit(analysis.params!, ctx)
    const ds = [...requiredOnSurface(analysis.params!, s), ...notCarried(analysis, target.carry(analysis.params!, ctx), s), ...r.diagnostics]
    out.set(s, { ...r, diagnostics: ds.map((d) => placeInSpec(d, analysis)) })
  }
  return out
}

/**
 * Non-secret parameters the spec sets that the surface drops (its map entry is absent) and whose
 * value the surface does not use anyway (fixed/sameAs, or its own default): the deployment would
 * silently differ. A derived value counts only where the spec writes it itself.
 */
export function notCarried(a: Analysis, carried: CanonicalParams, surface: Surface): Diagnostic[] {
  const params = a.params!
  const written = (id: ParameterId) => a.resolved === undefined || lookup(a.resolved.spec, id) !== undefined
  return parameterMap().parameters
    .filter((p) => params.has(p.id) && !carried.has(p.id) && !p.secret && p.spec !== false && (p.derive === undefined || written(p.id)))
    .filter((p) => JSON.stringify(effectiveOnSurface(p, surface, params)) !== JSON.stringify(params.get(p.id)))
    .filter((p) => p.surfaces[surface].default === undefined || JSON.stringify(p.surfaces[surface].default) !== JSON.stringify(params.get(p.id)))
    .map((p) => diag('RC4002', { pointer: pointerOf(p.id), surface }, { param: p.id, surface, reason: p.surfaces[surface].absent ?? 'no name on this surface' }))
}

/** Parameters the surface cannot start without (requiredOn in the map). */
function requiredOnSurface(params: CanonicalParams, surface: Surface): Diagnostic[] {
  return parameterMap().parameters
    .filter((p) => p.requiredOn?.includes(surface) && !params.has(p.id))
    .map((p) => diag('RC4007', { pointer: pointerOf(p.id), surface }, { param: p.id, surface, reason: p.meaning }))
}

/** Gives a diagnostic that names a spec pointer the spec file and position. */
export function placeInSpec(d: Diagnostic, a: Analysis): Diagnostic {
  if (d.file || !a.source || d.pointer === undefined) return d
  const range = rangeOfPointer(a.source, d.pointer)
  return withPosition({ ...d, file: a.source.file, ...(range ? { range } : {}) }, a.source)
}

export { hasErrors } from './diagnostics.js'
