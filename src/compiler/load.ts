import jsyaml from 'js-yaml'
import { CORE_1_2 } from './yaml-core.js'
import { isMap, isPair, isScalar, parseDocument, type Document, type Node } from 'yaml'
import { diag } from './diagnostics.js'
import { findSpan, LineIndex, spanRange, spanRecorder, type Span } from './spans.js'
import type { Diagnostic, Range } from './types.js'

/** Specs are a few kilobytes; anything past this is the wrong file. */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024

/**
 * A spec as read: its text, its data, and where things are in it. Positions come from the spans js-yaml
 * recorded during the fast parse; the `yaml` package's document (source ranges for every node) is built
 * only when those cannot answer — a text js-yaml refused, or a path they cannot vouch for.
 */
export class SourceDoc {
  private parsed?: Document.Parsed
  private lineIndex?: LineIndex
  constructor(readonly file: string, readonly text: string, public data: unknown = undefined, private readonly spans?: Span) {}
  get doc(): Document.Parsed {
    this.parsed ??= parseDocument(this.text, { prettyErrors: false, uniqueKeys: true })
    return this.parsed
  }
  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text)
    return this.lineIndex
  }
  /**
   * The source range of the value at the path, or of the closest ancestor that exists; with `key`, the
   * range of that key inside the mapping at the path (for unknown keys).
   */
  rangeAt(segments: readonly string[], key?: string): Range | undefined {
    const found = this.spans && findSpan(this.spans, this.data, segments, key)
    if (found) return spanRange(this.text, found.span)
    return rangeInDoc(this.doc, segments, key)
  }
}

function rangeInDoc(doc: Document.Parsed, segments: readonly string[], key?: string): Range | undefined {
  for (let n = segments.length; n >= 0; n--) {
    const node = doc.getIn(segments.slice(0, n), true) as Node | undefined
    if (!node) continue
    if (key !== undefined && n === segments.length) {
      const pair = isMap(node) ? node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) : undefined
      if (pair && isScalar(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]]
    }
    if (node.range) return [node.range[0], node.range[1]]
  }
  return undefined
}

/**
 * The fast reader: js-yaml (YAML 1.2's core schema as the `yaml` package reads it: yaml-core.ts; duplicate keys rejected) parses a large spec about
 * ten times faster than the `yaml` package. Anything it refuses, and any document with anchors or
 * aliases (bounded expansion matters there), goes to the `yaml` package, which reports positions.
 */
function fastData(text: string): { data: unknown; spans?: Span } | undefined {
  if (/(^|[\s[{,:-])[&*][A-Za-z0-9_]/.test(text)) return undefined
  const spans = spanRecorder()
  try {
    const data = jsyaml.load(text, { schema: CORE_1_2, json: false, listener: spans.listener } as jsyaml.LoadOptions)
    return { data, spans: spans.root() }
  } catch {
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
  const fast = fastData(text)
  if (fast) {
    const source = new SourceDoc(file, text, fast.data, fast.spans)
    const shape = checkTopLevel(source)
    return { source, diagnostics: shape ? [shape] : [] }
  }
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
