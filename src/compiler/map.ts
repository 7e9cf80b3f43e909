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
  /** env only: the variable the containers read although .env has no line for it. */
  container?: string
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
  /** Surfaces on which compile fails when the parameter has no value. */
  requiredOn?: Surface[]
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

/** Every provider that has a section in the spec (auth.<provider>), in map order. */
export function providers(): string[] {
  return [...new Set(parameterMap().parameters.flatMap((p) => (p.provider ? [p.provider] : [])))]
}

/** Providers that auth.provider can select (login-only ones cannot validate tokens). */
export function selectableProviders(): string[] {
  return parameterMap().parameters.find((p) => p.id === 'auth.provider')?.values ?? []
}

/** The variable a container reads for this parameter, if any. */
export const containerName = (p: ParameterDef): string | undefined => p.surfaces.env.name ?? p.surfaces.env.container
