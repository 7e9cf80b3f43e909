import { parameterMap, type ParameterDef } from './map.js'
import type { ResolvedSpec } from './resolve.js'
import type { CanonicalParams, ParameterId, ParamValue } from './types.js'

/** Whether a parameter belongs in the output of this spec at all. */
function inScope(p: ParameterDef, resolved: ResolvedSpec): boolean {
  return !p.provider || resolved.sections.has(p.provider)
}

function valueFor(p: ParameterDef, resolved: ResolvedSpec): ParamValue | undefined {
  const v = resolved.values.get(p.id)
  if (v !== undefined) return v
  return p.emit === 'always' ? p.default : undefined
}

/** ResolvedSpec → canonical parameters, in parameter-map order. The only producer from a spec. */
export function toParams(resolved: ResolvedSpec): CanonicalParams {
  const params: CanonicalParams = new Map<ParameterId, ParamValue>()
  for (const p of parameterMap().parameters) {
    if (!inScope(p, resolved)) continue
    const v = valueFor(p, resolved)
    if (v !== undefined) params.set(p.id, v)
  }
  return params
}
