import { mask } from '../mask.js'
import type { Entry, Rule } from '../types.js'
import { hitAt } from './_hits.js'

export interface PatternSpec {
  id: string
  name: string
  what: string
  description: string
  fix: string
  /** The credential inside the entry's value, or undefined. */
  find(e: Entry): string | undefined
  /** Substrings one of which every match contains: a cheap test that skips most values before the regex. */
  needs?: readonly string[]
  /** The length below which no value holds a match (a value is never shorter than what it holds). */
  minLength?: number
}

/** The spec of every pattern rule made (rules/index.ts derives the view's pre-check from them). */
export const PATTERN_SPECS: PatternSpec[] = []

/**
 * A provider-pattern rule: any entry of any surface file whose value holds that provider's
 * credential format. It looks only at the view's patternCandidates.
 */
export function patternRule(spec: PatternSpec): Rule {
  PATTERN_SPECS.push(spec)
  return {
    id: spec.id,
    name: spec.name,
    severity: 'error',
    kind: 'secret',
    description: spec.description,
    fix: spec.fix,
    supersedes: ['RC5008'],
    check(view) {
      const hits = []
      const { entries } = view.file
      const { needs, minLength = 0 } = spec
      for (const i of view.patternCandidates) {
        const e = entries[i]!
        const v = e.value
        if (typeof v !== 'string' || v.length < minLength || (needs && !holdsAny(v, needs))) continue
        const found = spec.find(e)
        if (found !== undefined) hits.push(hitAt(e, view.locs[i], `${e.key} holds ${spec.what} (${mask(found)})`))
      }
      return hits
    },
  }
}

function holdsAny(v: string, needs: readonly string[]): boolean {
  for (let k = 0; k < needs.length; k++) if (v.includes(needs[k]!)) return true
  return false
}

/** The first capture group of `re` in the entry's value. */
export const capture = (re: RegExp) => (e: Entry): string | undefined => re.exec(String(e.value))?.[1]
