/**
 * Reads a container environment through the parameter map: every parameter that has a `.env`
 * name is looked up by that name and parsed to its type. Unknown variables are ignored (a
 * container holds many). Problems are collected, never thrown, and never echo a secret.
 */
import { containerName, parameterMap, type ParameterDef } from '../compiler/map.js'
import type { ParameterId, Scalar } from '../compiler/types.js'
import { fromEnvString } from '../compiler/env-string.js'

export type EnvLike = Readonly<Record<string, string | undefined>>
export type Value = Scalar | string[]

export interface ParamReader {
  get(id: ParameterId): Value | undefined
  /** The value, or a "NAME is required" problem. */
  need(id: ParameterId, why?: string): Value | undefined
  /** The container variable name of a parameter (for messages). */
  nameOf(id: ParameterId): string
  problems: string[]
  /** The container variables asked for so far (get or need), set or not: what the reader's user reads. */
  asked: Set<string>
}

function parseOne(p: ParameterDef, raw: string, problems: string[]): Value | undefined {
  if (p.secret) return raw
  const v = fromEnvString(p, raw)
  if (v === undefined) problems.push(`${containerName(p)}="${raw}" is not a valid ${p.type}${p.values ? ` (allowed: ${p.values.join(', ')})` : ''}`)
  return v
}

export function readParams(env: EnvLike): ParamReader {
  const problems: string[] = []
  const values = new Map<ParameterId, Value>()
  const defs = new Map<ParameterId, ParameterDef>()
  for (const p of parameterMap().parameters) {
    // the .env name, or the variable containers read although .env has no line for it (`container:`)
    const name = containerName(p)
    if (!name) continue
    defs.set(p.id, p)
    const raw = env[name]
    if (raw === undefined || raw === '') continue
    const v = parseOne(p, raw, problems)
    if (v !== undefined) values.set(p.id, v)
  }
  const nameOf = (id: ParameterId) => (defs.has(id) ? containerName(defs.get(id)!) : undefined) ?? id
  const asked = new Set<string>()
  return {
    problems,
    nameOf,
    asked,
    get: (id) => (asked.add(nameOf(id)), values.get(id)),
    need(id, why) {
      asked.add(nameOf(id))
      const v = values.get(id)
      if (v === undefined) problems.push(`${nameOf(id)} is required${why ? ` ${why}` : ''}: ${defs.get(id)?.meaning ?? id}`)
      return v
    },
  }
}

export const str = (v: Value | undefined): string | undefined => (v === undefined ? undefined : Array.isArray(v) ? v.join(',') : String(v))
export const list = (v: Value | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : String(v).split(',').map((s) => s.trim()).filter(Boolean))
