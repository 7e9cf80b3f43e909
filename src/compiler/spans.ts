import type { Range } from './types.js'

/**
 * Where each node of a js-yaml document sits in its text, recorded while js-yaml parses (its `listener`
 * option reports every node it opens and closes). This costs a small object per node during the one
 * fast parse, against a second, ten times slower parse by the `yaml` package whenever a diagnostic
 * needs a line number (a 2,000-mapping spec: ~0.1 s against ~0.9 s).
 *
 * The tree is only trusted where it provably describes the data: a lookup checks that every span it
 * walks through holds the very value (same object, or equal scalar) the data has at that path, and
 * answers "unknown" otherwise, so the caller falls back to the `yaml` package.
 */
export interface Span {
  /** Offset where js-yaml opened the node: before the separating spaces, comments and line breaks. */
  open: number
  /** Offset where it closed it: after the node, sometimes after trailing white space. */
  close: number
  /** What js-yaml built for the node. */
  value: unknown
  /** Nested nodes as js-yaml composed them: key, value, key, value… in a mapping; items in a sequence. */
  children: Span[]
}

/** js-yaml's listener state: the fields read here. */
interface ListenerState {
  position: number
  result: unknown
}

/** A listener to pass to js-yaml's `load`, and the root span once the load is done. */
export function spanRecorder(): { listener: (event: 'open' | 'close', state: ListenerState) => void; root: () => Span | undefined } {
  const top: Span = { open: 0, close: 0, value: undefined, children: [] }
  const stack: Span[] = [top]
  return {
    listener(event, state) {
      if (event === 'open') {
        stack.push({ open: state.position, close: state.position, value: undefined, children: [] })
        return
      }
      const span = stack.pop()!
      span.close = state.position
      span.value = state.result
      stack[stack.length - 1]!.children.push(span)
    },
    root: () => top.children[0],
  }
}

/**
 * The span of the value at `segments` below `root` (which holds `data`), or of the deepest ancestor
 * that exists (`depth` says how many segments matched); with `key`, the span of that key inside the
 * mapping at `segments`. `undefined` when the tree cannot be trusted on this path.
 */
export function findSpan(root: Span, data: unknown, segments: readonly string[], key?: string): { span: Span; depth: number; isKey: boolean } | undefined {
  if (!holds(root, data)) return undefined
  let span = root
  let value = data
  let depth = 0
  for (const seg of segments) {
    const next = childOf(span, value, seg)
    if (next === undefined) return undefined
    if (next === null) break
    ;[span, value] = next
    depth++
  }
  if (key !== undefined && depth === segments.length && isMapping(value)) {
    const k = keySpan(unwrap(span), key)
    return k ? { span: k, depth, isKey: true } : undefined
  }
  return { span, depth, isKey: false }
}

/** The child span and value for one path segment; null when the data has no such child; undefined when untrusted. */
function childOf(outer: Span, value: unknown, seg: string): [Span, unknown] | null | undefined {
  const span = unwrap(outer)
  if (Array.isArray(value)) {
    if (!/^(0|[1-9]\d*)$/.test(seg) || Number(seg) >= value.length) return null
    if (span.children.length !== value.length) return undefined
    const child = span.children[Number(seg)]!
    return holds(child, value[Number(seg)]) ? [child, value[Number(seg)]] : undefined
  }
  if (!isMapping(value)) return null
  if (!Object.prototype.hasOwnProperty.call(value, seg)) return null
  if (span.children.length % 2 !== 0) return undefined
  for (let i = 0; i < span.children.length; i += 2) {
    if (String(span.children[i]!.value) !== seg) continue
    const child = span.children[i + 1]!
    return holds(child, value[seg]) ? [child, value[seg]] : undefined
  }
  return undefined
}

/**
 * A collection js-yaml first tried as something else (the start of a block mapping, say) is recorded
 * twice: the outer node with the inner one as its only child, both holding the same object.
 */
function unwrap(span: Span): Span {
  let s = span
  while (s.children.length === 1 && s.children[0]!.value === s.value && typeof s.value === 'object' && s.value !== null) s = s.children[0]!
  return s
}

function keySpan(span: Span, key: string): Span | undefined {
  if (span.children.length % 2 !== 0) return undefined
  for (let i = 0; i < span.children.length; i += 2) if (String(span.children[i]!.value) === key) return span.children[i]
  return undefined
}

function holds(span: Span, value: unknown): boolean {
  return span.value === value || (Number.isNaN(span.value) && Number.isNaN(value))
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * The source range of a span: from its first character (separating white space, comments and a tag
 * skipped, as the `yaml` package counts) to its last (trailing white space dropped). An empty node (`key:` with nothing after it)
 * is the empty range where it was opened.
 */
export function spanRange(text: string, span: Span): Range {
  let start = span.open
  for (;;) {
    while (start < span.close && isSpace(text.charCodeAt(start))) start++
    const c = text.charCodeAt(start)
    if (start >= span.close || (c !== 0x23 /* # comment */ && c !== 0x21) /* ! tag: the value follows */) break
    const stop = c === 0x23 ? (x: number) => x === 0x0a : isSpace
    while (start < span.close && !stop(text.charCodeAt(start))) start++
  }
  let end = span.close
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--
  return start >= end ? [span.open, span.open] : [start, end]
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d
}

/** Offset → 1-based line and column, by binary search over the line starts. */
export class LineIndex {
  private readonly starts: number[] = [0]
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1)
  }
  linePos(offset: number): { line: number; col: number } {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, col: offset - this.starts[lo]! + 1 }
  }
}
