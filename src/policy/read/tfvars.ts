import type { Entry, LintFile } from '../types.js'
import { KeyPath } from './key-path.js'
import { isSpace } from './yaml-simple.js'
import { fastTfvars } from './tfvars-fast.js'

type Hcl2Json = { parse(file: string, text: string): Promise<Record<string, unknown>> }

let parser: Promise<Hcl2Json> | undefined

/** HashiCorp's HCL parser (WASM), loaded only when a .tfvars file is linted. */
const hcl = (): Promise<Hcl2Json> => (parser ??= import('@cdktf/hcl2json').then((m) => (m.default ?? m) as Hcl2Json))

/**
 * A .tfvars file: values from the fast constant-HCL reader, or from the real HCL parser for
 * anything it does not take (and for every error); positions from the line that assigns each key.
 */
export async function readTfvars(path: string, text: string): Promise<LintFile> {
  try {
    const data = fastTfvars(text) ?? (await (await hcl()).parse(path, text))
    return { path, kind: 'terraform', text, entries: entriesOf(data, text, '=') }
  } catch (e) {
    return { path, kind: 'terraform', text, entries: [], unreadable: { ...hclPosition(e), reason: hclMessage(e) } }
  }
}

/** A .tfvars.json file: plain JSON, taken literally by Terraform. */
export function readTfvarsJson(path: string, text: string): LintFile {
  try {
    return { path, kind: 'terraform', text, entries: entriesOf(JSON.parse(text), text, ':') }
  } catch (e) {
    return { path, kind: 'terraform', text, entries: [], unreadable: { line: 1, column: 1, reason: (e as Error).message } }
  }
}

/** Leaves of the parsed value (nested keys dotted), each placed at the first line that assigns it; in file order (the parser sorts keys). */
function entriesOf(data: unknown, text: string, assign: '=' | ':'): Entry[] {
  const lines = new KeyLines(text, assign)
  const out: Entry[] = []
  const visit = (v: unknown, path: KeyPath, last: string, from: number): void => {
    const pos = lines.find(last, from)
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      for (const k of Object.keys(o)) visit(o[k], path.child(k), k.slice(k.lastIndexOf('.') + 1), pos.line - 1)
    } else if (path.key) out.push({ key: path.key, value: v, ...pos })
  }
  visit(data, KeyPath.root, '', 0)
  return out.sort((a, b) => a.line - b.line || a.column - b.column)
}

/** Keys made of these characters (or none: the top level's '') are found through the line index; others by their own pattern. */
const INDEXED_KEY = /^[A-Za-z0-9_-]*$/

/**
 * Where a file assigns a key: the first line from a given one that the key's pattern
 * (`^\s*"?KEY"?\s*=\s*`, or `:`) matches, and the length of that match. For a key of name characters that pattern matches a line
 * exactly when the line is white space, an optional quote, a run of name characters that is the
 * key (an empty run for ''), an optional quote, white space and the sign; so one pass over the
 * lines (made on the first question) answers every such key. Other keys are matched by their own
 * pattern, as before.
 */
class KeyLines {
  private index: Map<string, number[]> | undefined
  private readonly matchLength: number[] = []
  private lines: string[] | undefined

  constructor(
    private readonly text: string,
    private readonly assign: '=' | ':',
  ) {}

  find(key: string, from: number): { line: number; column: number } {
    const start = Math.max(from, 0)
    if (INDEXED_KEY.test(key)) {
      const at = (this.index ??= this.build()).get(key)
      if (at) for (const i of at) if (i >= start) return { line: i + 1, column: this.matchLength[i]! + 1 }
      return { line: start + 1, column: 1 }
    }
    return findKey((this.lines ??= this.text.split('\n')), key, this.assign, start)
  }

  /** name → the lines (0-based, ascending) that assign it. */
  private build(): Map<string, number[]> {
    const index = new Map<string, number[]>()
    const { text } = this
    const sign = this.assign.charCodeAt(0)
    for (let n = 0, at = 0; at <= text.length; n++) {
      let end = text.indexOf('\n', at)
      if (end === -1) end = text.length
      let i = at
      while (i < end && isSpace(text.charCodeAt(i))) i++
      if (text.charCodeAt(i) === 0x22) i++
      const name = i
      while (i < end && isNameChar(text.charCodeAt(i))) i++
      const nameEnd = i
      if (i < end && text.charCodeAt(i) === 0x22) i++
      while (i < end && isSpace(text.charCodeAt(i))) i++
      if (i < end && text.charCodeAt(i) === sign) {
        i++
        while (i < end && isSpace(text.charCodeAt(i))) i++
        const key = text.slice(name, nameEnd)
        const list = index.get(key)
        if (list) list.push(n)
        else index.set(key, [n])
        this.matchLength[n] = i - at
      }
      at = end + 1
    }
    return index
  }
}

const isNameChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d

/** One pattern per key and assignment sign (keys repeat across a tree's files). */
const keyPatterns = new Map<string, RegExp>()

function findKey(lines: string[], key: string, assign: '=' | ':', from: number): { line: number; column: number } {
  const id = `${assign}\0${key}`
  let re = keyPatterns.get(id)
  if (!re) keyPatterns.set(id, (re = new RegExp(`^\\s*"?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?\\s*${assign}\\s*`)))
  for (let i = from; i < lines.length; i++) {
    const m = re.exec(lines[i]!)
    if (m) return { line: i + 1, column: m[0].length + 1 }
  }
  return { line: from + 1, column: 1 }
}

function hclMessage(e: unknown): string {
  return String(e instanceof Error ? e.message : e).replace(/^Error: /, '').replace(/^parse config: \[?/, '').replace(/\]$/, '').split(';')[0]!.slice(0, 300)
}

function hclPosition(e: unknown): { line: number; column: number } {
  const m = /:(\d+),(\d+)/.exec(String(e instanceof Error ? e.message : e))
  return m ? { line: Number(m[1]), column: Number(m[2]) } : { line: 1, column: 1 }
}
