import { CODES, type DoctorCode } from './codes.js'
import type { Severity } from '../compiler/types.js'

/** One problem doctor found: what is wrong, what the user would see, how to fix it. */
export interface Finding {
  code: DoctorCode
  severity: Severity
  message: string
  symptom: string
  fix: string
}

export type Args = Record<string, string | number>

const fill = (template: string, args: Args): string => template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m))

/** Builds a finding from the catalogue; `severity` overrides the catalogue's for context-dependent cases. */
export function finding(code: DoctorCode, args: Args = {}, severity?: Severity): Finding {
  const def = CODES[code]
  return { code, severity: severity ?? def.severity, message: fill(def.message, args), symptom: fill(def.symptom, args), fix: fill(def.fix, args) }
}

/** Findings that make doctor exit 1 (errors and warnings; info does not). */
export const isProblem = (f: Finding): boolean => f.severity !== 'info'
