import type { Entry, FileView, Located, RuleHit } from '../types.js'

/** A hit at an entry, about the parameter the map locates there (or the key itself). */
export function hitAt(e: Entry, loc: Located | undefined, message: string): RuleHit {
  return { at: { line: e.line, column: e.column }, subject: loc?.param.id ?? e.key, message, ...(loc ? { place: loc.place } : {}) }
}

/** Every entry of the file with the map's reading of it. */
export function located(view: FileView): readonly { e: Entry; loc: Located | undefined }[] {
  return view.located
}

/** `KEY (param.id)` or just `KEY` when the key is the id (a spec). */
export function named(e: Entry, loc: Located | undefined): string {
  return loc && loc.param.id !== e.key ? `${e.key} (${loc.param.id})` : e.key
}
