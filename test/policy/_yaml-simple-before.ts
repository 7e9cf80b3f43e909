import { resolvePlain } from '../../src/compiler/yaml-core.js'
import { YamlNode } from '../../src/policy/read/yaml-fast.js'

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

/** The root node, null for a document without content, or undefined when another reader must decide. */
export function simpleYamlRoot(text: string): YamlNode | null | undefined {
  if (/[\t\r\ufeff]|^(?:---|\.\.\.|%)/m.test(text)) return undefined
  const lines: Line[] = []
  let at = 0
  for (const raw of text.split('\n')) {
    const indent = raw.length - raw.trimStart().length
    const body = raw.slice(indent)
    if (body !== '' && body[0] !== '#') lines.push({ indent, at: at + indent, text: body })
    at += raw.length + 1
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

class Reader {
  i = 0
  constructor(private readonly lines: Line[]) {}

  block(i: number, indent: number): YamlNode {
    return isItem(this.lines[i]!.text) ? this.sequence(indent) : this.mapping(indent, this.lines[i]!)
  }

  /** Entries at `indent`, the first from `first` (for a compact `- key: value` item, the rest of the item's line). */
  private mapping(indent: number, first: Line): YamlNode {
    const value: Record<string, unknown> = {}
    const keys: YamlNode[] = []
    let line: Line | undefined = first
    while (line) {
      const m = /^("[^"\\]*"|'[^']*'|[^\s:#"'[{][^:#]*?):(?: +|$)/.exec(line.text)
      if (!m) decline()
      const key = keyOf(m![1]!)
      if (Object.hasOwn(value, key) || key === '__proto__') decline()
      keys.push(new YamlNode('scalar', key, line.at, line.at + m![1]!.length))
      const rest = line.text.slice(m![0].length)
      this.i++
      value[key] = rest === '' || rest[0] === '#' ? this.nested(indent, line.at + m![0].length) : this.scalar(rest, line.at + m![0].length)
      const next: Line | undefined = this.lines[this.i]
      if (!next || next.indent < indent) break
      if (next.indent > indent || isItem(next.text)) decline()
      line = next
    }
    return new YamlNode('mapping', value, first.at, first.at, keys)
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
      const content = line.text.slice(1).trimStart()
      if (content === '' || content[0] === '#' || isItem(content)) decline() // empty item, or a nested `- -`
      const col = line.indent + (line.text.length - content.length)
      const at = line.at + (line.text.length - content.length)
      if (/^("[^"\\]*"|'[^']*'|[^\s:#"'[{][^:#]*?):(?: |$)/.test(content)) {
        items.push(this.mapping(col, { indent: col, at, text: content }))
      } else {
        this.i++
        items.push(this.scalar(content, at))
        const next = this.lines[this.i]
        if (next && next.indent > indent) decline() // a multi-line scalar
      }
      const next = this.lines[this.i]
      if (!next || next.indent < indent) break
      if (next.indent > indent || !isItem(next.text)) decline()
    }
    return new YamlNode('sequence', items, start, start)
  }

  /** A one-line scalar: plain, "double" (no escapes) or 'single' quoted, `[]` or `{}`; a comment may follow. */
  private scalar(s: string, at: number): YamlNode {
    const c = s[0]
    if (c === '"' || c === "'") {
      const end = c === '"' ? s.indexOf('"', 1) : singleEnd(s)
      if (end === -1 || (c === '"' && s.slice(1, end).includes('\\'))) decline()
      if (!/^(?: +#.*| *)$/.test(s.slice(end + 1))) decline()
      const body = s.slice(1, end)
      return new YamlNode('scalar', c === '"' ? body : body.replace(/''/g, "'"), at, at + end + 1)
    }
    if ((c === '[' || c === '{') && !s.includes('#')) return flowValue(s, at)
    const hash = s.search(/ #/)
    const plain = (hash === -1 ? s : s.slice(0, hash)).trimEnd()
    if (plain === '[]' || plain === '{}') return new YamlNode(plain === '[]' ? 'sequence' : 'mapping', plain === '[]' ? [] : {}, at, at + 2)
    if (plain === '' || INDICATOR_START.test(plain) || /: |:$/.test(plain) || plain.includes(' #')) decline()
    return new YamlNode('scalar', resolvePlain(plain), at, at + plain.length)
  }
}

/**
 * A flow collection on one line: `[a, "b"]`, `{ k: v, l: [x] }`, nested. Plain items without flow
 * indicators, colons or comments, quoted items without escapes, `key: value` with a space, no
 * empty items or trailing commas.
 */
function flowValue(s: string, at: number): YamlNode {
  let k = 0
  const spaces = () => {
    while (s[k] === ' ') k++
  }
  const scalar = (isKey = false): YamlNode => {
    const c = s[k]
    if (c === '"' || c === "'") {
      const rel = c === '"' ? s.indexOf('"', k + 1) - k : singleEnd(s.slice(k))
      if (rel < 0 || (c === '"' && s.slice(k + 1, k + rel).includes('\\'))) decline()
      const body = s.slice(k + 1, k + rel)
      const node = new YamlNode('scalar', c === '"' ? body : body.replace(/''/g, "'"), at + k, at + k + rel + 1)
      k += rel + 1
      return node
    }
    // a colon belongs to a plain value unless a space or the end follows it (api://x); never to a key
    const m = (isKey ? /^[^,[\]{}:#"']+/ : /^[^,[\]{}#"']+/).exec(s.slice(k))
    const plain = m ? m[0].trimEnd() : ''
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
    const map: Record<string, unknown> = {}
    const keys: YamlNode[] = []
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
          if (s[k] !== ':' || s[k + 1] !== ' ' || Object.hasOwn(map, name) || name === '__proto__') decline()
          k += 2
          spaces()
          keys.push(key)
          map[name] = value()
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
    return open === '[' ? new YamlNode('sequence', items, at + start, at + k) : new YamlNode('mapping', map, at + start, at + k, keys)
  }
  const node = collection()
  if (!/^ *$/.test(s.slice(k))) decline()
  return node
}

const isItem = (text: string): boolean => text === '-' || text.startsWith('- ')

/** Where a 'single-quoted' scalar ends ('' is a quote inside it), or -1. */
function singleEnd(s: string): number {
  for (let k = 1; k < s.length; k++) {
    if (s[k] !== "'") continue
    if (s[k + 1] === "'") k++
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
