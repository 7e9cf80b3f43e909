/** RC4002: what a spec sets that a surface drops, before (validate) and at (compile) emit. */
import { diag } from '../compiler/diagnostics.js'
import { placeInSpec, type Analysis } from '../compiler/index.js'
import { effectiveOnSurface, parameterMap, pointerOf } from '../compiler/map.js'
import { lookup } from '../compiler/resolve.js'
import { SURFACES, type CanonicalParams, type Diagnostic, type ParameterId, type Surface } from '../compiler/types.js'
import { targetFor, type EmitContext } from '../../targets/index.js'

/** RC4002 for every surface the spec deploys to: what `validate` warns about before any compile. */
export function surfaceWarnings(a: Analysis): Diagnostic[] {
  if (!a.params || !a.resolved) return []
  const surfaces = a.resolved.spec.deploy?.surfaces ?? [...SURFACES]
  const ctx: EmitContext = { secrets: new Map(), writeSecrets: true, envSecretName: '', specName: '' }
  return surfaces.flatMap((s) => notCarried(a, targetFor(s).carry(a.params!, ctx), s).map((d) => placeInSpec(d, a)))
}

/**
 * Non-secret parameters the spec sets that the surface drops (its map entry is absent) and whose
 * value the surface does not use anyway (fixed/sameAs, or its own default): the deployment would
 * silently differ. A derived value, or a default the map always writes (emit: always), counts only
 * where the spec writes it itself.
 */
export function notCarried(a: Analysis, carried: CanonicalParams, surface: Surface): Diagnostic[] {
  const params = a.params!
  const written = (id: ParameterId) => a.resolved === undefined || lookup(a.resolved.spec, id) !== undefined
  return parameterMap().parameters
    .filter((p) => params.has(p.id) && !carried.has(p.id) && !p.secret && p.spec !== false && ((p.derive === undefined && p.emit !== 'always') || written(p.id)))
    .filter((p) => JSON.stringify(effectiveOnSurface(p, surface, params)) !== JSON.stringify(params.get(p.id)))
    .filter((p) => p.surfaces[surface].default === undefined || JSON.stringify(p.surfaces[surface].default) !== JSON.stringify(params.get(p.id)))
    .map((p) => diag('RC4002', { pointer: pointerOf(p.id), surface }, { param: p.id, surface, reason: p.surfaces[surface].absent ?? 'no name on this surface' }))
}
