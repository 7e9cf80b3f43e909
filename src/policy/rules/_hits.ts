import type { Entry, FileView, Located, RuleHit } from '../types.js'

/** A hit at an entry, about the parameter the map locates there (or the key itself). */
export function hitAt(e: Entry, loc: Located | undefined, message: string): RuleHit {
  return { at: { line: e.line, column: e.column }, subject: loc?.param.id ?? e.key, message, ...(loc ? { place: loc.place } : {}) }
}

/** `KEY (param.id)` or just `KEY` when the key is the id (a spec). */
export function named(e: Entry, loc: Located | undefined): string {
  return loc && loc.param.id !== e.key ? `${e.key} (${loc.param.id})` : e.key
}

/**
 * The hits of a rule that looks at one entry at a time: `f` gets each entry with its location (the map's
 * parameter, when it knows the key) and answers a hit or nothing. A plain loop: no pair per entry.
 */
export function entryHits(view: FileView, f: (e: Entry, loc: Located | undefined) => RuleHit | undefined): RuleHit[] {
  const hits: RuleHit[] = []
  const { entries } = view.file
  for (let i = 0; i < entries.length; i++) {
    const hit = f(entries[i]!, view.locs[i])
    if (hit) hits.push(hit)
  }
  return hits
}
