import { resolvePlain } from '../../compiler/yaml-core.js'
import { YamlNode } from './yaml-fast.js'

/**
 * The quickest YAML reader, for the block style that specs and Helm values are written in: block
 * mappings and sequences (compact `- key: value` items too), one-line plain and quoted scalars,
 * `[]` and `{}`, comments and empty values. One pass over the lines, no generic machinery.
 *
 * It returns undefined for anything else — flow collections with content, block and multi-line
 * scalars, escapes, anchors, aliases, tags, directives, document markers, tabs, CR, keys that are
 * not plain strings, duplicate keys, and every malformed line — and the caller tries js-yaml and
 * then the `yaml` package. The agreement with the `yaml` package is the property test of
 * test/policy/yaml-fast.test.ts, which goes through this reader first.
 *
 * It reads by offsets into each line (one string per line, no match arrays), and keeps a mapping's
 * values in key order (no object with a property per key: each would be a look-up of the name in
 * V8's string table and a new hidden class): it runs on every YAML file of a tree.
 */

class Decline extends Error {}

const decline = (): never => {
  throw new Decline()
}

interface Line {
  indent: number
  /** Offset of the line's first content character in the text. */
  at: number
  /** The line from its first content character. */
  text: string
}

/** Plain keys that stay strings under the core schema (no resolution to null, bool or number). */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/
const RESOLVES = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/
/** A plain scalar may not start with an indicator (`-` only when a space follows; `?` and `:` are declined either way). */
const INDICATOR_START = /^(?:[?:,[\]{}#&*!|>'"%@`]|-(?: |$))/
/** What may follow a quoted scalar on its line: spaces, or spaces and a comment (sticky: from lastIndex to the line's end). */
const AFTER_QUOTED = /(?: +#.*| *)$/y

/** What String.prototype.trimStart/trimEnd remove (JavaScript's white space and line terminators, as \s). */
export function isSpace(c: number): boolean {
  if (c === 0x20) return true
  if (c < 0x80) return c >= 0x09 && c <= 0x0d
  return /\s/.test(String.fromCharCode(c))
}

/** The root node, null for a document without content, or undefined when another reader must decide. */
export function simpleYamlRoot(text: string): YamlNode | null | undefined {
  if (/[\t\r\ufeff]|^(?:---|\.\.\.|%)/m.test(text)) return undefined
  const lines: Line[] = []
  for (let at = 0; ; ) {
    let end = text.indexOf('\n', at)
    if (end === -1) end = text.length
    let i = at
    while (i < end && isSpace(text.charCodeAt(i))) i++
    if (i < end && text.charCodeAt(i) !== 0x23) lines.push({ indent: i - at, at: i, text: text.slice(i, end) })
    if (end === text.length) break
    at = end + 1
  }
  if (lines.length === 0) return null
  try {
    const r = new Reader(lines)
    const root = r.block(0, lines[0]!.indent)
    if (r.i !== lines.length) decline()
    return root
  } catch (e) {
    if (e instanceof Decline) return undefined
    throw e
  }
}

/** Set by keyMatch: the length of the key it found. */
let keyLength = 0

/**
 * /^("[^"\\]*"|'[^']*'|[^\s:#"'[{][^:#]*?):(?: +|$)/ on `t` from `from` (spaces: one at most when
 * not `greedy`): the match's length (key, colon and the spaces), with the key's in keyLength; -1
 * when it does not match.
 */
function keyMatch(t: string, from: number, greedy: boolean): number {
  const c = t.charCodeAt(from)
  let colon: number
  if (c === 0x22) {
    // "…": to the next quote, with no backslash before it
    colon = t.indexOf('"', from + 1) + 1
    if (colon === 0) return -1
    const bs = t.indexOf('\\', from + 1)
    if (bs !== -1 && bs < colon) return -1
  } else if (c === 0x27) {
    colon = t.indexOf("'", from + 1) + 1
    if (colon === 0) return -1
  } else {
    if (from >= t.length || c === 0x3a || c === 0x23 || c === 0x22 || c === 0x27 || c === 0x5b || c === 0x7b || isSpace(c)) return -1
    // the lazy [^:#]*? stops at the first colon, and cannot pass a #
    colon = from + 1
    while (colon < t.length && t.charCodeAt(colon) !== 0x3a && t.charCodeAt(colon) !== 0x23) colon++
  }
  if (t.charCodeAt(colon) !== 0x3a) return -1
  let end = colon + 1
  if (end < t.length) {
    if (t.charCodeAt(end) !== 0x20) return -1
    end++
    if (greedy) while (t.charCodeAt(end) === 0x20) end++
  }
  keyLength = colon - from
  return end - from
}

/** `-` alone or `- ` at `k`. */
const isItemAt = (t: string, k: number): boolean => t.charCodeAt(k) === 0x2d && (k + 1 === t.length || t.charCodeAt(k + 1) === 0x20)
const isItem = (text: string): boolean => isItemAt(text, 0)

class Reader {
  i = 0
  constructor(private readonly lines: Line[]) {}

  block(i: number, indent: number): YamlNode {
    return isItem(this.lines[i]!.text) ? this.sequence(indent) : this.mapping(indent, this.lines[i]!)
  }

  /** Entries at `indent`, the first from `first` (for a compact `- key: value` item, the rest of the item's line). */
  private mapping(indent: number, first: Line): YamlNode {
    const values: YamlNode[] = []
    const keys: YamlNode[] = []
    const names = new KeyNames()
    let line: Line | undefined = first
    while (line) {
      const t = line.text
      const matched = keyMatch(t, 0, true)
      if (matched === -1) decline()
      const key = keyOf(t.slice(0, keyLength))
      if (key === '__proto__' || !names.add(key)) decline()
      keys.push(new YamlNode('scalar', key, line.at, line.at + keyLength))
      this.i++
      values.push(matched === t.length || t.charCodeAt(matched) === 0x23 ? this.nested(indent, line.at + matched) : this.scalar(t, matched, line.at + matched))
      const next: Line | undefined = this.lines[this.i]
      if (!next || next.indent < indent) break
      if (next.indent > indent || isItem(next.text)) decline()
      line = next
    }
    return new YamlNode('mapping', values, first.at, first.at, keys)
  }

  /** The value of `key:` with nothing after it: a block below, a sequence at the key's indent, or null. */
  private nested(indent: number, afterColonAndSpaces: number): YamlNode {
    const next = this.lines[this.i]
    if (next && next.indent > indent) return this.block(this.i, next.indent)
    if (next && next.indent === indent && isItem(next.text)) return this.sequence(indent)
    // an empty value: the `yaml` package places it after the colon and the spaces that follow it
    return new YamlNode('scalar', null, afterColonAndSpaces, afterColonAndSpaces)
  }

  private sequence(indent: number): YamlNode {
    const items: YamlNode[] = []
    const start = this.lines[this.i]!.at
    for (;;) {
      const line = this.lines[this.i]!
      const t = line.text
      let k = 1
      while (k < t.length && isSpace(t.charCodeAt(k))) k++
      if (k === t.length || t.charCodeAt(k) === 0x23 || isItemAt(t, k)) decline() // empty item, or a nested `- -`
      const col = line.indent + k
      const at = line.at + k
      if (keyMatch(t, k, false) !== -1) {
        items.push(this.mapping(col, { indent: col, at, text: t.slice(k) }))
      } else {
        this.i++
        items.push(this.scalar(t, k, at))
        const next = this.lines[this.i]
        if (next && next.indent > indent) decline() // a multi-line scalar
      }
      const next = this.lines[this.i]
      if (!next || next.indent < indent) break
      if (next.indent > indent || !isItem(next.text)) decline()
    }
    return new YamlNode('sequence', items, start, start)
  }

  /** The one-line scalar at t[from] (at `at` in the text): plain, "double" (no escapes) or 'single' quoted, `[]` or `{}`; a comment may follow. */
  private scalar(t: string, from: number, at: number): YamlNode {
    const c = t.charCodeAt(from)
    if (c === 0x22 || c === 0x27) {
      const end = c === 0x22 ? t.indexOf('"', from + 1) : singleEnd(t, from)
      if (end === -1) decline()
      if (c === 0x22) {
        const bs = t.indexOf('\\', from + 1)
        if (bs !== -1 && bs < end) decline()
      }
      AFTER_QUOTED.lastIndex = end + 1
      if (!AFTER_QUOTED.test(t)) decline()
      const body = t.slice(from + 1, end)
      return new YamlNode('scalar', c === 0x22 ? body : body.replace(/''/g, "'"), at, at + end + 1 - from)
    }
    if ((c === 0x5b || c === 0x7b) && t.indexOf('#', from) === -1) return flowValue(from === 0 ? t : t.slice(from), at)
    const hash = t.indexOf(' #', from)
    let end = hash === -1 ? t.length : hash
    while (end > from && isSpace(t.charCodeAt(end - 1))) end--
    const plain = t.slice(from, end)
    if (plain === '[]' || plain === '{}') return new YamlNode(plain === '[]' ? 'sequence' : 'mapping', [], at, at + 2)
    if (plain === '' || INDICATOR_START.test(plain) || /: |:$/.test(plain) || plain.includes(' #')) decline()
    return new YamlNode('scalar', resolvePlain(plain), at, at + plain.length)
  }
}

/** Sticky forms of the flow reader's patterns: they match at lastIndex, as the anchored ones on the rest of the line. */
const FLOW_KEY = /[^,[\]{}:#"']+/y
const FLOW_PLAIN = /[^,[\]{}#"']+/y
const SPACES_TO_END = / *$/y

/**
 * A flow collection on one line: `[a, "b"]`, `{ k: v, l: [x] }`, nested. Plain items without flow
 * indicators, colons or comments, quoted items without escapes, `key: value` with a space, no
 * empty items or trailing commas.
 */
function flowValue(s: string, at: number): YamlNode {
  let k = 0
  const spaces = () => {
    while (s.charCodeAt(k) === 0x20) k++
  }
  const scalar = (isKey = false): YamlNode => {
    const c = s[k]
    if (c === '"' || c === "'") {
      const end = c === '"' ? s.indexOf('"', k + 1) : singleEnd(s, k)
      if (end < k) decline()
      if (c === '"') {
        const bs = s.indexOf('\\', k + 1)
        if (bs !== -1 && bs < end) decline()
      }
      const body = s.slice(k + 1, end)
      const node = new YamlNode('scalar', c === '"' ? body : body.replace(/''/g, "'"), at + k, at + end + 1)
      k = end + 1
      return node
    }
    // a colon belongs to a plain value unless a space or the end follows it (api://x); never to a key
    const re = isKey ? FLOW_KEY : FLOW_PLAIN
    re.lastIndex = k
    let end = re.test(s) ? re.lastIndex : k
    while (end > k && isSpace(s.charCodeAt(end - 1))) end--
    const plain = s.slice(k, end)
    if (plain === '' || INDICATOR_START.test(plain) || /: |:$/.test(plain)) decline()
    const node = new YamlNode('scalar', resolvePlain(plain), at + k, at + k + plain.length)
    k += plain.length
    return node
  }
  const value = (): YamlNode => (s[k] === '[' || s[k] === '{' ? collection() : scalar())
  const collection = (): YamlNode => {
    const open = s[k]!
    const start = k
    const close = open === '[' ? ']' : '}'
    const items: YamlNode[] = []
    const keys: YamlNode[] = []
    const names = new KeyNames()
    k++
    spaces()
    if (s[k] === close) k++
    else
      for (;;) {
        spaces()
        if (open === '[') items.push(value())
        else {
          const key = scalar(true)
          if (typeof key.value !== 'string' || (s[key.start - at] !== '"' && s[key.start - at] !== "'" && !PLAIN_KEY.test(key.value))) decline()
          const name = key.value as string
          if (s[k] !== ':' || s[k + 1] !== ' ' || name === '__proto__' || !names.add(name)) decline()
          k += 2
          spaces()
          keys.push(key)
          items.push(value())
        }
        spaces()
        if (s[k] === ',') {
          k++
          spaces()
          if (s[k] === close) decline() // a trailing comma: left to the other readers
          continue
        }
        if (s[k] !== close) decline()
        k++
        break
      }
    return open === '[' ? new YamlNode('sequence', items, at + start, at + k) : new YamlNode('mapping', items, at + start, at + k, keys)
  }
  const node = collection()
  SPACES_TO_END.lastIndex = k
  if (!SPACES_TO_END.test(s)) decline()
  return node
}

/** A mapping's key names so far (strings, here): a scan while they are few, a set once there are many. */
class KeyNames {
  private readonly names: string[] = []
  private set: Set<string> | undefined

  /** Adds `name`; false when the mapping has it already. */
  add(name: string): boolean {
    if (this.set) {
      if (this.set.has(name)) return false
      this.set.add(name)
      return true
    }
    for (let i = 0; i < this.names.length; i++) if (this.names[i] === name) return false
    this.names.push(name)
    if (this.names.length >= 32) this.set = new Set(this.names)
    return true
  }
}

/** Where the 'single-quoted' scalar opening at s[from] ends ('' is a quote inside it), or -1. */
function singleEnd(s: string, from: number): number {
  for (let k = from + 1; k < s.length; k++) {
    if (s.charCodeAt(k) !== 0x27) continue
    if (s.charCodeAt(k + 1) === 0x27) k++
    else return k
  }
  return -1
}

/** A key's string: plain keys that stay strings, or a quoted key without escapes. */
function keyOf(raw: string): string {
  if (raw[0] === '"') return raw.slice(1, -1)
  if (raw[0] === "'") return raw.slice(1, -1).replace(/''/g, "'")
  if (!PLAIN_KEY.test(raw) || RESOLVES.test(raw)) decline()
  return raw
}
