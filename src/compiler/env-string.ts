/** A parameter's value in a container environment: the flat string every surface's containers read. */
import type { ParameterDef } from './map.js'
import type { Scalar } from './types.js'

/** A typed parameter value as the flat string a container environment holds. */
export function toEnvString(p: ParameterDef, v: Scalar | string[]): string {
  if (Array.isArray(v)) return v.join(',')
  return String(v)
}

/** The inverse of toEnvString; undefined when the text is not of the parameter's type. */
export function fromEnvString(p: ParameterDef, text: string): Scalar | string[] | undefined {
  switch (p.type) {
    case 'boolean': return /^true$/i.test(text) ? true : /^false$/i.test(text) ? false : undefined
    case 'integer': return /^-?\d+$/.test(text) ? Number(text) : undefined
    case 'number': return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined
    case 'list': return text === '' ? [] : text.split(',').map((s) => s.trim()).filter(Boolean)
    case 'enum': return p.values?.includes(text) ? text : undefined
    default: return text
  }
}
