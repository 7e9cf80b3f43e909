import jsyaml from 'js-yaml'
import { CORE_1_2, resolvePlain } from '../../compiler/yaml-core.js'

/**
 * The fast YAML reader: js-yaml (about ten times faster than the `yaml` package on surface files),
 * with the node start offsets the `yaml` package would report, taken from js-yaml's node listener.
 *
 * It only answers for documents where the two parsers are known to agree, and returns undefined
 * for everything else so the caller asks the `yaml` package (the reference): any js-yaml error
 * (the `yaml` package then words the diagnostic), anchors, aliases, tags, directives, explicit
 * `?` keys, collections as keys, empty sequence items, a byte order mark, and what the `yaml`
 * package rejects and js-yaml lets pass (tabs in indentation, a comment glued to a token, a flow
 * collection or quoted scalar over several lines, keys past 1024 characters). The agreement is a property test
 * against the `yaml` package (test/policy/yaml-fast.test.ts).
 */

/** A document this reader does not take: the caller uses the `yaml` package. */
class Unsupported extends Error {}

/** The keys of every node that is not a mapping (one shared empty list). */
const NO_KEYS: readonly YamlNode[] = []

/** A parsed node with the offset where its content starts (after comments and separation space). */
export class YamlNode {
  constructor(
      readonly kind: 'scalar' | 'mapping' | 'sequence',
    readonly value: unknown,
    readonly start: number,
    readonly end: number,
    /** A mapping's keys in file order (js-yaml has only their strings, in object order). */
    readonly keys: readonly YamlNode[] = NO_KEYS,
  ) {}
  /**
   * A mapping's value under its i-th key. A mapping's `value` is an object of its values by key
   * name (js-yaml's), or, from the block-style reader, its values in key order (an array: no
   * property per key to make).
   */
  valueAt(i: number): unknown {
    return Array.isArray(this.value) ? this.value[i] : (this.value as Record<string, unknown>)[String(this.keys[i]!.value)]
  }

  /** A mapping's value under the key named `name`, or undefined. */
  get(name: string): unknown {
    if (!Array.isArray(this.value)) return (this.value as Record<string, unknown>)[name]
    const i = this.keyIndex(name)
    return i === -1 ? undefined : this.value[i]
  }

  /** Whether a mapping has a key named `name`. */
  has(name: string): boolean {
    return Array.isArray(this.value) ? this.keyIndex(name) !== -1 : Object.hasOwn(this.value as object, name)
  }

  private keyIndex(name: string): number {
    for (let i = 0; i < this.keys.length; i++) if (String(this.keys[i]!.value) === name) return i
    return -1
  }

  /** Keeps js-yaml from turning a node used as a mapping key into '[object Object]'. */
  get [Symbol.toStringTag](): string {
    return 'YamlNode'
  }
  /** js-yaml stringifies mapping keys; a scalar key is its value (as the `yaml` package's String(key.value)). */
  toString(): string {
    if (this.kind !== 'scalar') throw new Unsupported('a collection as a mapping key')
    if (this.end - this.start > 1024) throw new Unsupported('a key past 1024 characters')
    claimKey(this)
    return String(this.value)
  }
}

/** Mapping keys as js-yaml stores them, per open node (a list only once a key comes): the place of an empty value is found from its key. */
let keyFrames: (YamlNode[] | undefined)[] = []
const claimKey = (key: YamlNode): void => {
  const top = keyFrames.length - 1
  if (top >= 0) (keyFrames[top] ??= []).push(key)
}

type State = { position: number; input: string; kind: string | null; result: unknown; tag: string | null; anchor: string | null; version: string | null }

const isSpace = (c: number) => c === 0x20 || c === 0x09
const isBreak = (c: number) => c === 0x0a || c === 0x0d

function indexOfBreak(s: string, from: number): number {
  const n = s.indexOf('\n', from)
  const r = s.indexOf('\r', from)
  return n === -1 ? (r === -1 ? Infinity : r) : r === -1 ? n : Math.min(n, r)
}

/** Where a node's content starts: past separation space, line breaks and comments, as js-yaml skips them. */
function contentStart(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i)
    if (isSpace(c) || isBreak(c)) i++
    else if (c === 0x23) while (i < s.length && !isBreak(s.charCodeAt(i))) i++
    else return i
  }
}

/** The `yaml` package's place for an empty mapping value: after the key, the `:` and the spaces that follow. */
function emptyValueStart(s: string, key: YamlNode): number {
  let i = key.end
  while (isSpace(s.charCodeAt(i))) i++
  if (s[i] !== ':') throw new Unsupported('an empty value not right after its key')
  i++
  while (isSpace(s.charCodeAt(i))) i++
  return i
}

/** Node kinds and mapping values as YamlNodes; an empty mapping value becomes a null scalar placed as the `yaml` package places it. */
function onClose(st: State, open: number, keys: readonly YamlNode[]): void {
  if (st.result instanceof YamlNode) return // a node read as a would-be key that turned out to be the whole node
  const start = contentStart(st.input, open)
  const c = st.input[start]
  if (st.anchor !== null || c === '&' || c === '*' || c === '!' || c === '?' || c === '%') throw new Unsupported('anchors, aliases, tags, explicit keys, directives')
  if (st.tag !== null && st.tag !== '?' && st.tag !== '!' && !st.tag.startsWith('tag:yaml.org,2002:')) throw new Unsupported('a tag')
  if (st.version !== null) throw new Unsupported('a %YAML directive (it changes the schema)')
  if (st.input.charCodeAt(st.position) === 0x23 && !isSpace(st.input.charCodeAt(st.position - 1))) throw new Unsupported('a comment glued to a token')
  // the `yaml` package checks the indentation of their continuation lines; js-yaml does not
  if ((c === '[' || c === '{' || c === '"' || c === "'") && indexOfBreak(st.input, start) < st.position) throw new Unsupported('a flow collection or quoted scalar over several lines')
  if (st.kind === 'mapping') {
    const m = st.result as Record<string, unknown>
    for (const k of keys) if (m[String(k.value)] === null) m[String(k.value)] = new YamlNode('scalar', null, emptyValueStart(st.input, k), k.end)
  }
  if (st.kind === 'sequence' && (st.result as unknown[]).some((v) => !(v instanceof YamlNode))) throw new Unsupported('an empty sequence item')
  if (st.kind === 'scalar' || st.kind === 'mapping' || st.kind === 'sequence') st.result = new YamlNode(st.kind, st.result, start, st.position, st.kind === 'mapping' ? keys : NO_KEYS)
}

/**
 * The document's root node, null for an empty document, or undefined when this reader does not
 * take the text (the caller then uses the `yaml` package, for the value or for the error).
 */
export function fastYamlRoot(text: string): YamlNode | null | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined // js-yaml drops it and every offset of line 1 moves
  if (/^ *\t|[,[{]#/m.test(text)) return undefined // tabs in indentation, a comment glued to a flow indicator
  const opens: number[] = []
  const saved = keyFrames
  keyFrames = []
  const listener = (event: 'open' | 'close', st: State) => {
    if (event === 'open') {
      opens.push(st.position)
      keyFrames.push(undefined)
      return
    }
    onClose(st, opens.pop()!, keyFrames.pop() ?? NO_KEYS)
  }
  try {
    const root = jsyaml.load(text, { schema: CORE_1_2, listener } as unknown as jsyaml.LoadOptions) as unknown
    return root instanceof YamlNode ? root : root === undefined || root === null ? null : undefined
  } catch {
    return undefined
  } finally {
    keyFrames = saved
  }
}
