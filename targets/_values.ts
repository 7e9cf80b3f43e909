import type { ParameterDef } from '../src/compiler/map.js'
import { fromEnvString } from '../src/compiler/env-string.js'
import type { Scalar } from '../src/compiler/types.js'

/**
 * A value from a typed file (YAML values, HCL tfvars) as the parameter's type. The charts quote
 * numbers ("8") and the containers read every value as a string, so a string is read as the
 * environment would read it, and a number or boolean where the map says string is its text.
 * undefined when the value is not of the parameter's type.
 */
export function fromTyped(p: ParameterDef, v: unknown): Scalar | string[] | undefined {
  if (typeof v === 'string') return fromEnvString(p, v)
  if (Array.isArray(v)) return p.type === 'list' && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined
  if (typeof v === 'number' || typeof v === 'boolean') return typeof v === p.type || (p.type === 'integer' && Number.isInteger(v)) ? v : fromEnvString(p, String(v))
  return undefined
}

/**
 * An empty value: YAML's null, or '' for a parameter whose type has no empty form (url, enum,
 * integer, number, boolean): the deployment files' way of leaving it unset (compose's ${VAR:-x},
 * Helm's `default`), read as absent rather than as a wrong value.
 */
export function isEmptyOfType(p: ParameterDef, v: unknown): boolean {
  return v === null || (v === '' && !['string', 'list'].includes(p.type))
}

/** "a" or "an" before a type name in a hint. */
export const article = (word: string): string => (/^[aeiu]/.test(word) ? 'an' : 'a')
