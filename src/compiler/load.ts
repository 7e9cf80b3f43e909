import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import { diag } from './diagnostics.js'
import type { Diagnostic, Range } from './types.js'

/** Specs are a few kilobytes; anything past this is the wrong file. */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024

/** A spec as read by the `yaml` package: its text, its document (a source range on every node), its data. */
export class SourceDoc {
  readonly doc: Document.Parsed
  /** Offset → 1-based line and column: the `yaml` package's own, filled during the parse. */
  readonly lines = new LineCounter()
  data: unknown = undefined
  constructor(readonly file: string, readonly text: string) {
    this.doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: this.lines })
  }
  /**
   * The source range of the value at the path, or of the closest ancestor that exists; with `key`, the
   * range of that key inside the mapping at the path (for unknown keys).
   */
  rangeAt(segments: readonly string[], key?: string): Range | undefined {
    for (let n = segments.length; n >= 0; n--) {
      const node = this.doc.getIn(segments.slice(0, n), true) as Node | undefined
      if (!node) continue
      if (key !== undefined && n === segments.length) {
        const pair = isMap(node) ? node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) : undefined
        if (pair && isScalar(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]]
      }
      if (node.range) return [node.range[0], node.range[1]]
    }
    return undefined
  }
}

export interface Loaded {
  source?: SourceDoc
  diagnostics: Diagnostic[]
}

/** Text → YAML document. Never throws: every problem is a diagnostic. */
export function load(file: string, text: string): Loaded {
  const early = checkText(file, text)
  if (early) return { diagnostics: [early] }
  const source = new SourceDoc(file, text)
  const doc = source.doc
  const diagnostics: Diagnostic[] = [
    ...doc.errors.map((e) => diag('RC1002', { file, range: [e.pos[0], e.pos[1]] }, { reason: firstLine(e.message) })),
    ...doc.warnings.map((e) => diag('RC1007', { file, range: [e.pos[0], e.pos[1]] }, { reason: firstLine(e.message) })),
  ]
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

function checkTopLevel(source: SourceDoc): Diagnostic | undefined {
  const { file, data: js } = source
  if (typeof js === 'object' && js !== null && !Array.isArray(js)) return undefined
  const contents = source.doc.contents
  if (contents === null || js === null || js === undefined) return diag('RC1003', { file })
  const what = Array.isArray(js) ? 'a list' : `a ${typeof js} (${JSON.stringify(js)?.slice(0, 40)})`
  return diag('RC1006', { file, pointer: '', range: contents.range ? [contents.range[0], contents.range[1]] : undefined }, { what })
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}
