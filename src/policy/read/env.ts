import { targetsReadAs } from '../params-index.js'
import type { Entry, LintFile } from '../types.js'

/** The reader of the surface the linter reads .env files as: docker compose's reading. */
const readLines = targetsReadAs('env')[0]!.readLines!

/** A .env file with docker compose's reading; each value's column is where it starts on its line. */
export function readEnv(path: string, text: string): LintFile {
  const parsed = readLines(text)
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  const entries: Entry[] = parsed.entries.map((e) => ({ key: e.key, value: e.value, line: e.line, column: valueColumn(lines[e.line - 1] ?? '') }))
  const first = parsed.errors[0]
  return { path, kind: 'env', text, entries, ...(first ? { unreadable: { line: first.line, column: 1, reason: first.message } } : {}) }
}

function valueColumn(line: string): number {
  const m = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*[=:]\s?\s*/.exec(line)
  return (m ? m[0].length : 0) + 1
}
