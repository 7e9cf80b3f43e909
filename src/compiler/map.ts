import { readFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import type { ParameterId, Surface } from './types.js'

export type ParamType = 'string' | 'url' | 'boolean' | 'integer' | 'enum' | 'list'

/** How one parameter appears on one surface. Exactly one of name/path/paths/codec/absent is set. */
export interface Binding {
  name?: string
  path?: string
  paths?: string[]
  names?: string[]
  codec?: string
  absent?: string
  note?: string
  /** With absent: the value the surface hard-codes. */
  fixed?: string | boolean | number
  /** With absent: the parameter whose value the surface uses instead. */
  sameAs?: ParameterId
}

export interface ParameterDef {
  id: ParameterId
  group: string
  meaning: string
  type: ParamType
  values?: string[]
  secret?: boolean
  required?: boolean
  default?: string | boolean | number
  derive?: string
  provider?: string
  emit?: 'always' | 'set'
  /** false when the spec cannot set the parameter (a pure derivation). */
  spec?: boolean
  surfaces: Record<Surface, Binding>
}

export interface ParameterMap {
  upstream: string
  groups: { id: string; title: string }[]
  parameters: ParameterDef[]
}

/** The folder that holds package.json, found from this module (works from src/ and from dist/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schema'))) return dir
    dir = dirname(dir)
  }
  throw new Error('regcfg: cannot find the package root (schema/ beside package.json)')
}

let cached: ParameterMap | undefined

/** The parameter map, read once from schema/parameters.yaml. */
export function parameterMap(): ParameterMap {
  cached ??= parse(readFileSync(join(packageRoot(), 'schema', 'parameters.yaml'), 'utf8')) as ParameterMap
  return cached
}

export function parameterById(id: ParameterId): ParameterDef | undefined {
  return parameterMap().parameters.find((p) => p.id === id)
}

/** Spec JSON pointer of a parameter id: auth.cognito.userPoolId → /auth/cognito/userPoolId. */
export function pointerOf(id: ParameterId): string {
  return '/' + id.split('.').join('/')
}

/** The names or paths a binding occupies on its surface (for docs, lint and fixture checks). */
export function bindingNames(b: Binding): string[] {
  if (b.name) return [b.name]
  if (b.path) return [b.path]
  return b.paths ?? b.names ?? []
}

/**
 * What a surface without its own name for a parameter effectively uses: the hard-coded value,
 * the value of the parameter it follows, or undefined when it is simply not there.
 */
export function effectiveOnSurface(p: ParameterDef, surface: Surface, params: ReadonlyMap<ParameterId, unknown>): unknown {
  const b = p.surfaces[surface]
  if (b.fixed !== undefined) return b.fixed
  if (b.sameAs) return params.get(b.sameAs)
  return undefined
}

/** Provider ids named by the map, in order of first appearance. */
export function providers(): string[] {
  const provider = parameterMap().parameters.find((p) => p.id === 'auth.provider')
  return provider?.values ?? []
}
