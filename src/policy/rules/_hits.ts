import type { Entry, Located, RuleHit } from '../types.js'

/** A hit at an entry, about the parameter the map locates there (or the key itself). */
export function hitAt(e: Entry, loc: Located | undefined, message: string): RuleHit {
  return { at: { line: e.line, column: e.column }, subject: loc?.param.id ?? e.key, message, ...(loc ? { place: loc.place } : {}) }
}

/** `KEY (param.id)` or just `KEY` when the key is the id (a spec). */
export function named(e: Entry, loc: Located | undefined): string {
  return loc && loc.param.id !== e.key ? `${e.key} (${loc.param.id})` : e.key
}
