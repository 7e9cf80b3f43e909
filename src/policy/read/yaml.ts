import type { Entry } from '../types.js'
import { fastYamlRoot, YamlNode } from './yaml-fast.js'
import { simpleYamlRoot } from './yaml-simple.js'
import { KeyPath } from './key-path.js'
import { lineTable } from './lines.js'

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
  let root = simpleYamlRoot(text)
  if (root === undefined) root = fastYamlRoot(text)
  return root === undefined ? undefined : fromRoot(text, root)
}

/** `- name: VAR` / `value: ...` list items (extraEnv, env) are keyed by the variable's name. */
const ENV_ITEM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Entries and data from a fast reader's tree. */
export function fromRoot(text: string, root: YamlNode | null): YamlRead {
  const found: { key: string; value: unknown; start: number }[] = []
  const walk = (node: unknown, path: KeyPath): void => {
    if (!(node instanceof YamlNode)) return
    if (node.kind === 'scalar') {
      if (path.key) found.push({ key: path.key, value: node.value, start: node.start })
    } else if (node.kind === 'mapping') {
      const m = node.value as Record<string, unknown>
      for (const k of node.keys) {
        const key = String(k.value)
        walk(m[key], path.child(key))
      }
    } else {
      const items = node.value as unknown[]
      for (let i = 0; i < items.length; i++) {
        const item = items[i]
        const m = item instanceof YamlNode && item.kind === 'mapping' ? (item.value as Record<string, unknown>) : undefined
        const name = m?.name instanceof YamlNode ? m.name.value : undefined
        if (m && typeof name === 'string' && Object.hasOwn(m, 'value') && ENV_ITEM_NAME.test(name)) walk(m.value, path.child(name))
        else walk(item, path.child(String(i)))
      }
    }
  }
  walk(root, KeyPath.root)
  const at = lineTable(text)
  return { data: plain(root), entries: found.map((f) => ({ key: f.key, value: f.value, ...at(f.start) })) }
}

/** The document as plain data, keyed as the `yaml` package's toJS keys it (a null key is ''). */
function plain(node: unknown): unknown {
  if (!(node instanceof YamlNode)) return node
  if (node.kind === 'scalar') return node.value
  if (node.kind === 'sequence') return (node.value as unknown[]).map(plain)
  const m = node.value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const k of node.keys) {
    const key = k.value === null ? '' : String(k.value)
    const value = plain(m[String(k.value)])
    // as toJS: an inherited name (__proto__) becomes an own property, never the prototype
    if (key in out) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
    else out[key] = value
  }
  return out
}
