import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml'
import type { Entry } from '../types.js'
import type { YamlRead } from './yaml.js'

const join = (prefix: string, key: string): string => (prefix ? `${prefix}.${key}` : key)

/** `- name: VAR` / `value: ...` list items (extraEnv, env) are keyed by the variable's name. */
const ENV_ITEM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** The reference reader: the `yaml` package's document with a line counter. */
export function readYamlExact(text: string): YamlRead {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false })
  const err = doc.errors[0]
  if (err) return { data: undefined, entries: [], error: { ...at(lines, err.pos[0]), reason: err.message.split('\n')[0]! } }
  const entries: Entry[] = []
  walk(doc.contents as Node | null, '', lines, entries)
  return { data: safeJs(doc), entries }
}

function safeJs(doc: ReturnType<typeof parseDocument>): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 })
  } catch {
    return undefined
  }
}

const at = (lines: LineCounter, offset: number) => {
  const { line, col } = lines.linePos(offset)
  return { line, column: col }
}

function walk(node: Node | null, path: string, lines: LineCounter, out: Entry[]): void {
  if (!node) return
  if (isScalar(node)) {
    if (path && node.range) out.push({ key: path, value: node.value, ...at(lines, node.range[0]) })
    return
  }
  if (isMap(node)) {
    for (const pair of node.items) if (isScalar(pair.key)) walk(pair.value as Node | null, join(path, String(pair.key.value)), lines, out)
    return
  }
  if (isSeq(node)) node.items.forEach((item, i) => walkItem(item as Node, join(path, String(i)), path, lines, out))
}

function walkItem(item: Node, indexed: string, parent: string, lines: LineCounter, out: Entry[]): void {
  const name = envItemName(item)
  if (name && isMap(item)) walk(item.get('value', true) as Node, join(parent, name), lines, out)
  else walk(item, indexed, lines, out)
}

function envItemName(item: Node): string | undefined {
  if (!isMap(item)) return undefined
  const name = item.get('name')
  return typeof name === 'string' && item.has('value') && ENV_ITEM_NAME.test(name) ? name : undefined
}
