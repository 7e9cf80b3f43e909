import type { Entry } from '../types.js'
import { fastYamlRoot, YamlNode } from './yaml-fast.js'
import { simpleYamlRoot } from './yaml-simple.js'
import { KeyPath } from './key-path.js'
import { isSpec } from '../detect.js'

export interface YamlRead {
  data: unknown
  entries: Entry[]
  error?: { line: number; column: number; reason: string }
}

/**
 * Every scalar leaf of a YAML document with its dotted path and position: from the block-style
 * reader or else js-yaml when one takes the document, else from the `yaml` package (the reference, and the error wording),
 * which is loaded only then: most runs never need it.
 */
export async function readYaml(text: string): Promise<YamlRead> {
  return readYamlFast(text) ?? (await import('./yaml-exact.js')).readYamlExact(text)
}

/** The fast reader's answer, or undefined when the document is for the `yaml` package. */
export function readYamlFast(text: string): YamlRead | undefined {
  const root = fastRoot(text)
  return root === undefined ? undefined : fromRoot(text, root)
}

/** What lint needs of a YAML document: readYaml's entries and error, and whether its data is a spec (isSpec). */
export interface YamlLintRead {
  entries: Entry[]
  spec: boolean
  error?: { line: number; column: number; reason: string }
}

/**
 * readYaml for lint: the same entries and error, and isSpec(data) without the data when a fast
 * reader takes the document (the data is a copy of the whole document, and only its top level
 * decides).
 */
export async function readYamlForLint(text: string): Promise<YamlLintRead> {
  const root = fastRoot(text)
  if (root !== undefined) return { entries: entriesOf(text, root), spec: isSpecTree(root) }
  const exact = (await import('./yaml-exact.js')).readYamlExact(text)
  return { entries: exact.entries, spec: isSpec(exact.data), ...(exact.error ? { error: exact.error } : {}) }
}

/** The block-style reader's tree, else js-yaml's, else undefined (for the `yaml` package). */
function fastRoot(text: string): YamlNode | null | undefined {
  const root = simpleYamlRoot(text)
  return root === undefined ? fastYamlRoot(text) : root
}

/** `- name: VAR` / `value: ...` list items (extraEnv, env) are keyed by the variable's name. */
const ENV_ITEM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Entries and data from a fast reader's tree. */
export function fromRoot(text: string, root: YamlNode | null): YamlRead {
  return { data: plain(root), entries: entriesOf(text, root) }
}

/** Every scalar leaf of a fast reader's tree with its dotted key and position, in document order. */
function entriesOf(text: string, root: YamlNode | null): Entry[] {
  const entries: Entry[] = []
  const starts = lineStarts(text)
  // a scalar is often on the line of the one before (flow collections): search only when it is not
  let line = 0
  const walk = (node: unknown, path: KeyPath): void => {
    if (!(node instanceof YamlNode)) return
    if (node.kind === 'scalar') {
      if (path.key) {
        const at = node.start
        if (at < starts[line]! || (line + 1 < starts.length && at >= starts[line + 1]!)) line = lineAt(starts, at)
        entries.push({ key: path.key, value: node.value, line: line + 1, column: at - starts[line]! + 1 })
      }
    } else if (node.kind === 'mapping') {
      const { keys } = node
      for (let i = 0; i < keys.length; i++) walk(node.valueAt(i), path.child(String(keys[i]!.value)))
    } else {
      const items = node.value as unknown[]
      for (let i = 0; i < items.length; i++) {
        const item = items[i]
        const m = item instanceof YamlNode && item.kind === 'mapping' ? item : undefined
        const nameNode = m?.get('name')
        const name = nameNode instanceof YamlNode ? nameNode.value : undefined
        if (m && typeof name === 'string' && m.has('value') && ENV_ITEM_NAME.test(name)) walk(m.get('value'), path.child(name))
        else walk(item, path.child(String(i)))
      }
    }
  }
  walk(root, KeyPath.root)
  return entries
}

/** isSpec(plain(root)), from the tree's top level. */
export function isSpecTree(root: YamlNode | null): boolean {
  if (!(root instanceof YamlNode) || root.kind !== 'mapping') return false
  // as plain(): a key's name is String(value) ('' for null); `auth` is the value under the key named auth
  let named = false
  for (const k of root.keys) {
    const name = k.value === null ? '' : String(k.value)
    if (name === 'registry' || name === 'version') named = true
  }
  if (!named || !root.keys.some((k) => k.value !== null && String(k.value) === 'auth')) return false
  const auth = root.get('auth')
  // plain(auth), one level deep: a mapping is an object, a sequence an array, a scalar its value
  const shallow = auth instanceof YamlNode ? (auth.kind === 'mapping' ? {} : auth.kind === 'sequence' ? [] : auth.value) : auth
  return typeof shallow === 'object' && shallow !== null && !Array.isArray(shallow)
}

/** Offsets where the text's lines start (after each \n, as the `yaml` package's LineCounter counts them). */
function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** The 0-based line holding an offset. */
function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** The document as plain data, keyed as the `yaml` package's toJS keys it (a null key is ''). */
function plain(node: unknown): unknown {
  if (!(node instanceof YamlNode)) return node
  if (node.kind === 'scalar') return node.value
  if (node.kind === 'sequence') return (node.value as unknown[]).map(plain)
  const out: Record<string, unknown> = {}
  const { keys } = node
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!
    const key = k.value === null ? '' : String(k.value)
    const value = plain(node.valueAt(i))
    // as toJS: an inherited name (__proto__) becomes an own property, never the prototype
    if (key in out) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
    else out[key] = value
  }
  return out
}
