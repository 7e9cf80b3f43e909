import { parameterMap, bindingNames } from '../compiler/map.js'
import { targetsReadAs } from './params-index.js'

/** How a file's name says it may be a surface file; YAML is decided by its content. */
export type Candidate = 'env' | 'tfvars' | 'tfvars-json' | 'yaml'

export function candidateOf(path: string): Candidate | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1)
  if (/^\.env(\..+)?$/.test(base) || /\.env$/.test(base)) return 'env'
  if (base.endsWith('.tfvars') || base.endsWith('.tfvars.example')) return 'tfvars'
  if (base.endsWith('.tfvars.json')) return 'tfvars-json'
  if (/\.ya?ml$/.test(base)) return 'yaml'
  return undefined
}

/** Helm values: named values*.yaml, inside a chart-like folder, or holding a path the charts read. */
export function isHelmValues(path: string, keys: readonly string[]): boolean {
  const cut = path.lastIndexOf('/') + 1
  const [dir, base] = [path.slice(0, cut), path.slice(cut)]
  if (/^values[^/]*\.ya?ml$/.test(base)) return true
  if (keys.some((k) => helmPaths().has(k))) return true
  return keys.length > 0 && inChartFolder(path)
}

/** Under a charts/, chart/ or helm/ folder, and not a template or Chart.yaml. */
function inChartFolder(path: string): boolean {
  const cut = path.lastIndexOf('/') + 1
  const [dir, base] = [path.slice(0, cut), path.slice(cut)]
  return /(^|\/)(charts?|helm)\//.test(dir) && !/(^|\/)templates\//.test(dir) && !/^Chart\.ya?ml$/.test(base)
}

/**
 * A cheap look before parsing: could this YAML text be a spec or Helm values at all? (Top-level
 * keys only: `auth` for a spec, a chart's first path segment for values; chart folders always.)
 */
export function mayBeSurfaceYaml(path: string, text: string): boolean {
  if (isHelmValues(path, []) || inChartFolder(path)) return true
  const roots = helmRoots()
  for (const m of text.matchAll(/^([A-Za-z0-9_-]+)\s*:/gm)) if (m[1] === 'auth' || roots.has(m[1]!)) return true
  return false
}

let paths: Set<string> | undefined
let roots: Set<string> | undefined

/** The first segments of the chart paths (built once per run). */
function helmRoots(): Set<string> {
  roots ??= new Set([...helmPaths()].map((p) => p.split('.')[0]!))
  return roots
}

function helmPaths(): Set<string> {
  paths ??= new Set(parameterMap().parameters.flatMap((p) => targetsReadAs('helm').flatMap((t) => (p.surfaces[t.surface].absent ? [] : bindingNames(p.surfaces[t.surface])))))
  return paths
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
