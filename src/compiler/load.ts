import jsyaml from 'js-yaml'
import { LineCounter, parseDocument, type Document } from 'yaml'
import { diag } from './diagnostics.js'
import type { Diagnostic } from './types.js'

/** Specs are a few kilobytes; anything past this is the wrong file. */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024

/**
 * A spec as read: its text, its data, and — built only when a position is asked for — the YAML
 * document with source ranges and the line table. A valid spec never pays for positions.
 */
export class SourceDoc {
  private located?: { doc: Document.Parsed; lines: LineCounter }
  constructor(readonly file: string, readonly text: string, public data: unknown = undefined) {}
  get doc(): Document.Parsed {
    return this.locate().doc
  }
  get lines(): LineCounter {
    return this.locate().lines
  }
  private locate() {
    if (!this.located) {
      const lines = new LineCounter()
      this.located = { doc: parseDocument(this.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines }
    }
    return this.located
  }
}

/**
 * The fast reader: js-yaml (YAML 1.2 core schema, duplicate keys rejected) parses a large spec about
 * ten times faster than the `yaml` package. Anything it refuses, and any document with anchors or
 * aliases (bounded expansion matters there), goes to the `yaml` package, which reports positions.
 */
function fastData(text: string): { data: unknown } | undefined {
  if (/(^|[\s[{,:-])[&*][A-Za-z0-9_]/.test(text)) return undefined
  try {
    return { data: jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, json: false }) }
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
    const source = new SourceDoc(file, text, fast.data)
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
