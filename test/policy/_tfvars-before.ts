import type { Entry, LintFile } from '../../src/policy/types.js'
import { KeyPath } from '../../src/policy/read/key-path.js'
import { fastTfvars } from '../../src/policy/read/tfvars-fast.js'

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
    return { path, kind: 'terraform', text, entries: entriesOf(data, text, /=/) }
  } catch (e) {
    return { path, kind: 'terraform', text, entries: [], unreadable: { ...hclPosition(e), reason: hclMessage(e) } }
  }
}

/** A .tfvars.json file: plain JSON, taken literally by Terraform. */
export function readTfvarsJson(path: string, text: string): LintFile {
  try {
    return { path, kind: 'terraform', text, entries: entriesOf(JSON.parse(text), text, /:/) }
  } catch (e) {
    return { path, kind: 'terraform', text, entries: [], unreadable: { line: 1, column: 1, reason: (e as Error).message } }
  }
}

/** Leaves of the parsed value (nested keys dotted), each placed at the first line that assigns it; in file order (the parser sorts keys). */
function entriesOf(data: unknown, text: string, assign: RegExp): Entry[] {
  const lines = text.split('\n')
  const out: Entry[] = []
  const visit = (v: unknown, path: KeyPath, last: string, from: number): void => {
    const pos = findKey(lines, last, assign, from)
    if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) visit(child, path.child(k), k.slice(k.lastIndexOf('.') + 1), pos.line - 1)
    else if (path.key) out.push({ key: path.key, value: v, ...pos })
  }
  visit(data, KeyPath.root, '', 0)
  return out.sort((a, b) => a.line - b.line || a.column - b.column)
}

/** One pattern per key and assignment sign (keys repeat across a tree's files). */
const keyPatterns = new Map<string, RegExp>()

function findKey(lines: string[], key: string, assign: RegExp, from: number): { line: number; column: number } {
  const id = `${assign.source}\0${key}`
  let re = keyPatterns.get(id)
  if (!re) keyPatterns.set(id, (re = new RegExp(`^\\s*"?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?\\s*${assign.source}\\s*`)))
  for (let i = Math.max(from, 0); i < lines.length; i++) {
    const m = re.exec(lines[i]!)
    if (m) return { line: i + 1, column: m[0].length + 1 }
  }
  return { line: Math.max(from, 0) + 1, column: 1 }
}

function hclMessage(e: unknown): string {
  return String(e instanceof Error ? e.message : e).replace(/^Error: /, '').replace(/^parse config: \[?/, '').replace(/\]$/, '').split(';')[0]!.slice(0, 300)
}

function hclPosition(e: unknown): { line: number; column: number } {
  const m = /:(\d+),(\d+)/.exec(String(e instanceof Error ? e.message : e))
  return m ? { line: Number(m[1]), column: Number(m[2]) } : { line: 1, column: 1 }
}
