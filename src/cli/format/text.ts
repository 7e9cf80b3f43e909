import type { Diagnostic } from '../../compiler/types.js'

/** file:line:col: severity CODE pointer: message, then the source line with a caret, then the hint. */
export function formatText(ds: readonly Diagnostic[], sources: ReadonlyMap<string, string> = new Map()): string {
  return ds.map((d) => formatOne(d, sources.get(d.file ?? ''))).join('\n')
}

function formatOne(d: Diagnostic, text: string | undefined): string {
  const where = [d.file ?? '<input>', d.line, d.column].filter((x) => x !== undefined).join(':')
  const surface = d.surface ? ` [${d.surface}]` : ''
  const pointer = d.pointer !== undefined && d.pointer !== '' ? ` ${d.pointer}` : ''
  const lines = [`${where}: ${d.severity} ${d.code}${surface}${pointer}: ${d.message}`]
  const frame = text !== undefined && d.line !== undefined ? codeFrame(text, d.line, d.column ?? 1) : undefined
  if (frame) lines.push(frame)
  if (d.hint) lines.push(`  hint: ${d.hint}`)
  return lines.join('\n')
}

function codeFrame(text: string, line: number, column: number): string | undefined {
  const src = lineOf(text, line)
  if (src === undefined) return undefined
  const shown = src.length > 100 ? src.slice(0, 100) + '…' : src
  return `  ${String(line).padStart(4)} | ${shown}\n       | ${' '.repeat(Math.min(column - 1, 100))}^`
}

/** Line n (1-based) without its break; found by walking the breaks, not by splitting a large spec per diagnostic. */
function lineOf(text: string, n: number): string | undefined {
  let start = 0
  for (let i = 1; i < n; i++) {
    start = text.indexOf('\n', start) + 1
    if (start === 0) return undefined
  }
  const end = text.indexOf('\n', start)
  return text.slice(start, end === -1 ? undefined : end)
}

export function summary(ds: readonly Diagnostic[]): string {
  const n = (s: string) => ds.filter((d) => d.severity === s).length
  return `${n('error')} error(s), ${n('warning')} warning(s)`
}
