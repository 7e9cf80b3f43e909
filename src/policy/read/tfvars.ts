import type { Entry, LintFile } from '../types.js'
import { KeyPath } from './key-path.js'

type Hcl2Json = { parse(file: string, text: string): Promise<Record<string, unknown>> }

let parser: Promise<Hcl2Json> | undefined

/** HashiCorp's HCL parser (WASM), loaded only when a .tfvars file is linted. */
const hcl = (): Promise<Hcl2Json> => (parser ??= import('@cdktf/hcl2json').then((m) => (m.default ?? m) as Hcl2Json))

/** A .tfvars file: values from HashiCorp's HCL parser; positions from the line that assigns each key. */
export async function readTfvars(path: string, text: string): Promise<LintFile> {
  try {
    const data = await (await hcl()).parse(path, text)
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
    const pos = lines.find(last, from, path.key === last)
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

/** A line assigning a key: where its value starts, and how far the key is indented. */
type Assigned = { line: number; column: number; indent: number }

/**
 * Where a file assigns a key: the first line from a given one that `^\s*"?KEY"?\s*=\s*` (or `:`)
 * matches, and the length of that match. Keys of name characters are indexed in one pass over the
 * lines (made on the first question); other keys are matched by their own pattern.
 */
class KeyLines {
  private index: Map<string, Assigned[]> | undefined
  private readonly lines: string[]

  constructor(
    text: string,
    private readonly assign: '=' | ':',
  ) {
    this.lines = text.split('\n')
  }

  /** A top-level key is placed on an unindented line that assigns it if there is one (a nested key of the same name may come first). */
  find(key: string, from: number, topLevel = false): { line: number; column: number } {
    const start = Math.max(from, 0)
    if (!INDEXED_KEY.test(key)) return findKey(this.lines, key, this.assign, start)
    const assigned = (this.index ??= this.build()).get(key) ?? []
    const at = (topLevel && assigned.find((a) => a.line > start && a.indent === 0)) || assigned.find((a) => a.line > start)
    return at ? { line: at.line, column: at.column } : { line: start + 1, column: 1 }
  }

  /** name → where the lines that assign it (ascending) assign it. */
  private build(): Map<string, Assigned[]> {
    const index = new Map<string, Assigned[]>()
    const re = this.assign === '=' ? /^(\s*)"?([A-Za-z0-9_-]*)"?\s*=\s*/ : /^(\s*)"?([A-Za-z0-9_-]*)"?\s*:\s*/
    this.lines.forEach((l, i) => {
      const m = re.exec(l)
      if (!m) return
      let list = index.get(m[2]!)
      if (!list) index.set(m[2]!, (list = []))
      list.push({ line: i + 1, column: m[0].length + 1, indent: m[1]!.length })
    })
    return index
  }
}

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
