import { bindingNames, parameterMap, type ParameterDef } from '../compiler/map.js'
import { SURFACES, type Surface } from '../compiler/types.js'
import { TARGETS, type LintKind, type Target } from '../../targets/index.js'
import type { FileKind, Located, Place } from './types.js'

/** The targets whose files the linter reads as this kind (a Helm values file may be for either chart). */
export const targetsReadAs = (kind: LintKind): Target[] => TARGETS.filter((t) => t.lintAs === kind)

/** Where each file kind looks a key up: the spec, or the surfaces read as that kind. */
const PLACES = new Map<FileKind, readonly Place[]>([['spec', ['spec']], ...TARGETS.map((t) => [t.lintAs, targetsReadAs(t.lintAs).map((r) => r.surface)] as const)])
const placesOf = (kind: FileKind): readonly Place[] => PLACES.get(kind) ?? []

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
  let memo = located.get(kind)
  if (!memo) located.set(kind, (memo = new Map()))
  if (memo.has(key)) return memo.get(key)
  const loc = lookUp(kind, key)
  memo.set(key, loc)
  return loc
}

/** Keys repeat across a tree's files: each (kind, key) is looked up once per run; the answers are never mutated. */
const located = new Map<FileKind, Map<string, Located | undefined>>()

/** The surface whose names are the container variables (.env lines). */
const CONTAINER_PLACE: Place = placesOf('env')[0]!

function lookUp(kind: FileKind, key: string): Located | undefined {
  const places = placesOf(kind)
  for (const place of places) {
    const param = index().get(place)!.get(key)
    if (param) return { param, place }
  }
  const last = key.slice(key.lastIndexOf('.') + 1)
  if (places.includes(CONTAINER_PLACE) || !ENV_NAME.test(last)) return undefined
  const param = index().get(CONTAINER_PLACE)!.get(last)
  return param ? { param, place: places[0]! } : undefined
}

/** The names a parameter has in a file of this kind (for rules that read a parameter's value). */
export function namesIn(kind: FileKind, id: string): string[] {
  const p = parameterMap().parameters.find((q) => q.id === id)
  if (!p) return []
  if (kind === 'spec') return [id]
  return (placesOf(kind) as Surface[]).flatMap((s) => (p.surfaces[s].absent ? [] : bindingNames(p.surfaces[s])))
}
