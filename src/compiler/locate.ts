import { isMap, isPair, isScalar, type Node, type Pair } from 'yaml'
import type { SourceDoc } from './load.js'
import type { Diagnostic, Range } from './types.js'

/** JSON pointer → path segments ('~1' → '/', '~0' → '~'). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return []
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/**
 * The source range of the value at `pointer`, or of the closest ancestor that exists.
 * With `key`, the range of that key inside the mapping at `pointer` (for unknown keys).
 */
export function rangeOf(source: SourceDoc, pointer: string, key?: string): Range | undefined {
  const segments = pointerSegments(pointer)
  for (let n = segments.length; n >= 0; n--) {
    const node = source.doc.getIn(segments.slice(0, n), true) as Node | undefined
    if (!node) continue
    if (key !== undefined && n === segments.length) {
      const pair = findPair(node, key)
      if (pair && isScalar(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]]
    }
    if (node.range) return [node.range[0], node.range[1]]
  }
  return undefined
}

function findPair(node: Node, key: string): Pair | undefined {
  if (!isMap(node)) return undefined
  return node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) as Pair | undefined
}

/** Fills line and column (1-based) from the range: the only offset → line/column code. */
export function withPosition(d: Diagnostic, source: SourceDoc | undefined): Diagnostic {
  if (!source || !d.range || d.line !== undefined) return d
  const { line, col } = source.lines.linePos(d.range[0])
  return { ...d, line, column: col }
}
