import { hasErrors } from './diagnostics.js'
import { load, type SourceDoc } from './load.js'
import { rangeOf as rangeOfPointer, withPosition } from './locate.js'
import { toParams } from './params.js'
import { resolve, type ResolvedSpec } from './resolve.js'
import type { CanonicalParams, Diagnostic } from './types.js'
import { validate } from './validate.js'

export interface Analysis {
  source?: SourceDoc
  resolved?: ResolvedSpec
  params?: CanonicalParams
  diagnostics: Diagnostic[]
}

/** load → validate → resolve → params, stopping at the first stage with errors; never throws. */
export function analyze(file: string, text: string): Analysis {
  const loaded = load(file, text)
  const source = loaded.source
  const done = (a: Omit<Analysis, 'diagnostics'>, ds: Diagnostic[]): Analysis => ({ ...a, diagnostics: sortByPosition(ds.map((d) => withPosition({ file, ...d }, source))) })
  if (!source || hasErrors(loaded.diagnostics)) return done({ source }, loaded.diagnostics)
  const validated = validate(source)
  const ds = [...loaded.diagnostics, ...validated.diagnostics]
  if (!validated.spec) return done({ source }, ds)
  const r = resolve(validated.spec, source)
  ds.push(...r.diagnostics)
  if (!r.resolved) return done({ source }, ds)
  return done({ source, resolved: r.resolved, params: toParams(r.resolved) }, ds)
}

/** Source order: what a reader sees top to bottom. Stable for diagnostics without a position. */
export function sortByPosition(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => (a.range?.[0] ?? Infinity) - (b.range?.[0] ?? Infinity))
}

/** Gives a diagnostic that names a spec pointer the spec file and position. */
export function placeInSpec(d: Diagnostic, a: Analysis): Diagnostic {
  if (d.file || !a.source || d.pointer === undefined) return d
  const range = rangeOfPointer(a.source, d.pointer)
  return withPosition({ ...d, file: a.source.file, ...(range ? { range } : {}) }, a.source)
}

export { hasErrors } from './diagnostics.js'
