import { bindingNames, parameterMap, type ParameterDef } from '../compiler/map.js'
import { SURFACES, type Surface } from '../compiler/types.js'
import type { FileKind, Located, Place } from './types.js'

/** Where each file kind looks a key up: a Helm values file may be for either chart. */
const PLACES: Record<FileKind, readonly Place[]> = { spec: ['spec'], env: ['env'], terraform: ['terraform'], helm: ['helm', 'helm-stack'] }

type Index = Map<Place, Map<string, ParameterDef>>

let cached: Index | undefined

/** name on each surface (and spec path) → parameter, built once from the parameter map. */
function index(): Index {
  if (cached) return cached
  cached = new Map([['spec', new Map()]])
  for (const s of SURFACES) cached.set(s, new Map())
  for (const p of parameterMap().parameters) {
    cached.get('spec')!.set(p.id, p)
    for (const s of SURFACES) if (!p.surfaces[s].absent) for (const n of bindingNames(p.surfaces[s])) cached.get(s)!.set(n, p)
  }
  return cached
}

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/

/**
 * The parameter a key names in a file of this kind: its own name or path on the surface, or, for a
 * nested key whose last segment is a container variable (extraEnv maps, env lists), that variable.
 */
export function locateKey(kind: FileKind, key: string): Located | undefined {
  const memo = located[kind]
  if (memo.has(key)) return memo.get(key)
  const loc = lookUp(kind, key)
  memo.set(key, loc)
  return loc
}

/** Keys repeat across a tree's files: each (kind, key) is looked up once per run; the answers are never mutated. */
const located: Record<FileKind, Map<string, Located | undefined>> = { spec: new Map(), env: new Map(), terraform: new Map(), helm: new Map() }

function lookUp(kind: FileKind, key: string): Located | undefined {
  for (const place of PLACES[kind]) {
    const param = index().get(place)!.get(key)
    if (param) return { param, place }
  }
  const last = key.slice(key.lastIndexOf('.') + 1)
  if (kind === 'env' || !ENV_NAME.test(last)) return undefined
  const param = index().get('env')!.get(last)
  return param ? { param, place: PLACES[kind][0]! } : undefined
}

/** The names a parameter has in a file of this kind (for rules that read a parameter's value). */
export function namesIn(kind: FileKind, id: string): string[] {
  const p = parameterMap().parameters.find((q) => q.id === id)
  if (!p) return []
  if (kind === 'spec') return [id]
  const surfaces: Surface[] = kind === 'helm' ? ['helm', 'helm-stack'] : [kind]
  return surfaces.flatMap((s) => (p.surfaces[s].absent ? [] : bindingNames(p.surfaces[s])))
}
