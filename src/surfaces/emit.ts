/**
 * The analysed spec onto the surfaces: each requested target's emit, with the compiler's
 * diagnostics for what the surface requires or drops, placed in the spec. The layer above the
 * compiler (analysis, map) and the targets (emit, carry): neither of them imports this one.
 */
import { diag } from '../compiler/diagnostics.js'
import { placeInSpec, type Analysis } from '../compiler/index.js'
import { isSecretRef, type CanonicalParams, type Diagnostic, type ParameterId, type SecretRef, type Surface } from '../compiler/types.js'
import { parameterMap, pointerOf } from '../compiler/map.js'
import { targetFor, type EmitContext, type EmitResult } from '../../targets/index.js'
import { notCarried } from './not-carried.js'

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

/** Parameters the surface cannot start without (requiredOn in the map). */
function requiredOnSurface(params: CanonicalParams, surface: Surface): Diagnostic[] {
  return parameterMap().parameters
    .filter((p) => p.requiredOn?.includes(surface) && !params.has(p.id))
    .map((p) => diag('RC4007', { pointer: pointerOf(p.id), surface }, { param: p.id, surface, reason: p.meaning }))
}

/** The secret references a compile to these surfaces must resolve at the edge (the targets' secretValues). */
export function secretsNeeded(params: CanonicalParams, surfaces: readonly Surface[], writeSecrets: boolean): Map<ParameterId, SecretRef> {
  const writing = surfaces.filter((s) => {
    const when = targetFor(s).secretValues
    return when === 'always' || (when === 'with --write-secrets' && writeSecrets)
  })
  const needed = new Map<ParameterId, SecretRef>()
  for (const p of parameterMap().parameters) {
    const v = params.get(p.id)
    if (!p.secret || !isSecretRef(v) || 'value' in v) continue
    if (writing.some((s) => p.surfaces[s].name)) needed.set(p.id, v)
  }
  return needed
}
