import { mask } from '../mask.js'
import type { Entry, Rule } from '../types.js'
import { hitAt, located } from './_hits.js'

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
}

/** A provider-pattern rule: any entry of any surface file whose value holds that provider's credential format. */
export function patternRule(spec: PatternSpec): Rule {
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
      for (const { e, loc } of located(view)) {
        const found = typeof e.value === 'string' && (!spec.needs || spec.needs.some((s) => (e.value as string).includes(s))) ? spec.find(e) : undefined
        if (found !== undefined) hits.push(hitAt(e, loc, `${e.key} holds ${spec.what} (${mask(found)})`))
      }
      return hits
    },
  }
}

/** The first capture group of `re` in the entry's value. */
export const capture = (re: RegExp) => (e: Entry): string | undefined => re.exec(String(e.value))?.[1]
