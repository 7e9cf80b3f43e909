import { LineCounter, parseDocument, type Document } from 'yaml'
import { diag } from './diagnostics.js'
import type { Diagnostic } from './types.js'

/** Specs are a few kilobytes; anything past this is the wrong file. */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024

/** A spec as read: its text, the YAML document with source ranges, and the line table. */
export interface SourceDoc {
  file: string
  text: string
  doc: Document.Parsed
  lines: LineCounter
  /** The document as plain data (aliases expanded, bounded). */
  data: unknown
}

export interface Loaded {
  source?: SourceDoc
  diagnostics: Diagnostic[]
}

/** Text → YAML document. Never throws: every problem is a diagnostic. */
export function load(file: string, text: string): Loaded {
  const early = checkText(file, text)
  if (early) return { diagnostics: [early] }
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const diagnostics: Diagnostic[] = [
    ...doc.errors.map((e) => diag('RC1002', { file, range: [e.pos[0], e.pos[1]] }, { reason: firstLine(e.message) })),
    ...doc.warnings.map((e) => diag('RC1007', { file, range: [e.pos[0], e.pos[1]] }, { reason: firstLine(e.message) })),
  ]
  const source: SourceDoc = { file, text, doc, lines, data: undefined }
  if (diagnostics.some((d) => d.severity === 'error')) return { source, diagnostics }
  try {
    source.data = doc.toJS({ maxAliasCount: 100 })
  } catch (e) {
    return { source, diagnostics: [...diagnostics, diag('RC1002', { file }, { reason: firstLine((e as Error).message) })] }
  }
  const shape = checkTopLevel(source)
  return { source, diagnostics: shape ? [...diagnostics, shape] : diagnostics }
}

function checkText(file: string, text: string): Diagnostic | undefined {
  if (text.length > MAX_SPEC_BYTES) return diag('RC1005', { file }, { size: text.length, limit: MAX_SPEC_BYTES })
  if (text.includes('\u0000')) return diag('RC1004', { file, range: [text.indexOf('\u0000'), text.indexOf('\u0000') + 1] }, { what: 'NUL bytes' })
  if (text.includes('\uFFFD')) return diag('RC1004', { file, range: [text.indexOf('\uFFFD'), text.indexOf('\uFFFD') + 1] }, { what: 'bytes that are not UTF-8' })
  if (text.trim() === '' || /^(\s*#.*\n?)*\s*$/.test(text)) return diag('RC1003', { file })
  return undefined
}

function checkTopLevel({ file, doc, data: js }: SourceDoc): Diagnostic | undefined {
  const contents = doc.contents
  if (contents === null) return diag('RC1003', { file })
  if (typeof js === 'object' && js !== null && !Array.isArray(js)) return undefined
  const what = Array.isArray(js) ? 'a list' : `a ${typeof js} (${JSON.stringify(js)?.slice(0, 40)})`
  return diag('RC1006', { file, pointer: '', range: contents.range ? [contents.range[0], contents.range[1]] : undefined }, { what })
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
