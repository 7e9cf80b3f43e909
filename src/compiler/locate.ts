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
  return source.rangeAt(pointerSegments(pointer), key)
}

/** Fills line and column (1-based) from the range: the only offset → line/column code. */
export function withPosition(d: Diagnostic, source: SourceDoc | undefined): Diagnostic {
  if (!source || !d.range || d.line !== undefined) return d
  const { line, col } = source.lines.linePos(d.range[0])
  return { ...d, line, column: col }
}
