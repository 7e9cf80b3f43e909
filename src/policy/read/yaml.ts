import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml'
import type { Entry } from '../types.js'
import { KeyPath } from './key-path.js'

/** What lint needs of a YAML document: its scalar leaves, whether it is a spec, or why it could not be read. */
export interface YamlRead {
  entries: Entry[]
  /** The top level is a mapping with an `auth` mapping and `registry` or `version` (a registry spec). */
  spec: boolean
  /** The top-level keys, in file order (they decide what kind of file this is). */
  topKeys: string[]
  error?: { line: number; column: number; reason: string }
}

/** `- name: VAR` / `value: ...` list items (extraEnv, env) are keyed by the variable's name. */
const ENV_ITEM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Every scalar leaf of a YAML document with its dotted path and position: the `yaml` package's nodes and LineCounter. */
export function readYaml(text: string): YamlRead {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false })
  const err = doc.errors[0]
  if (err) return { entries: [], spec: false, topKeys: [], error: { ...at(lines, err.pos[0]), reason: err.message.split('\n')[0]! } }
  const entries: Entry[] = []
  const root = doc.contents as Node | null
  walk(root, KeyPath.root, lines, entries)
  const topKeys = isMap(root) ? root.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : [])) : []
  return { entries, spec: isMap(root) && isMap(root.get('auth', true)) && (root.has('registry') || root.has('version')), topKeys }
}

const at = (lines: LineCounter, offset: number) => {
  const { line, col } = lines.linePos(offset)
  return { line, column: col }
}

function walk(node: Node | null, path: KeyPath, lines: LineCounter, out: Entry[]): void {
  if (!node) return
  if (isScalar(node)) {
    if (path.key && node.range) out.push({ key: path.key, value: node.value, ...at(lines, node.range[0]) })
  } else if (isMap(node)) {
    for (const pair of node.items) if (isScalar(pair.key)) walk(pair.value as Node | null, path.child(String(pair.key.value)), lines, out)
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const name = envItemName(item as Node)
      if (name !== undefined) walk((item as Node & { get(k: string, keep: true): Node }).get('value', true), path.child(name), lines, out)
      else walk(item as Node, path.child(String(i)), lines, out)
    })
  }
}

function envItemName(item: Node): string | undefined {
  if (!isMap(item)) return undefined
  const name = item.get('name')
  return typeof name === 'string' && item.has('value') && ENV_ITEM_NAME.test(name) ? name : undefined
}
