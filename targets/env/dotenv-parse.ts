/**
 * A .env reader with docker compose's semantics (the reader that actually runs the stack):
 * `export ` prefix, bare values with ` #` comments, single quotes literal (multi-line),
 * double quotes with compose escapes and multi-line. Interpolation ($VAR) is reported, not done.
 */
export interface EnvEntry {
  key: string
  value: string
  line: number
  /** Bare or double-quoted value with `$`: compose would interpolate it. */
  interpolates: boolean
}

export interface EnvParse {
  entries: EnvEntry[]
  errors: { line: number; message: string }[]
}

const DQ_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', $: '$', a: '\x07', b: '\b', f: '\f', v: '\v' }

export function parseDotenv(text: string): EnvParse {
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  const out: EnvParse = { entries: [], errors: [] }
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!
    const trimmed = raw.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s?(.*)$/s.exec(raw)
    if (!m) {
      out.errors.push({ line: i + 1, message: `cannot read "${trimmed.slice(0, 40)}" as KEY=VALUE` })
      continue
    }
    const [, key, rest] = m as unknown as [string, string, string]
    const consumed = readValue(rest.trimStart(), lines, i)
    if ('error' in consumed) {
      out.errors.push({ line: i + 1, message: consumed.error })
      if (consumed.error.startsWith('unterminated')) break
      continue
    }
    out.entries.push({ key, value: consumed.value, line: i + 1, interpolates: consumed.interpolates })
    i = consumed.lastLine
  }
  return out
}

type Read = { value: string; lastLine: number; interpolates: boolean } | { error: string }

function readValue(rest: string, lines: string[], i: number): Read {
  const q = rest[0]
  if (q === "'" || q === '"') return readQuoted(q, rest.slice(1), lines, i)
  const hash = rest.search(/\s#/)
  const value = (hash === -1 ? rest : rest.slice(0, hash)).trim()
  return { value, lastLine: i, interpolates: value.includes('$') }
}

function readQuoted(q: string, first: string, lines: string[], i: number): Read {
  let buf = first
  let line = i
  for (;;) {
    const end = closingQuote(buf, q)
    if (end !== -1) {
      const body = buf.slice(0, end)
      const after = buf.slice(end + 1).trim()
      if (after !== '' && !after.startsWith('#')) return { error: `unexpected text after the closing quote: "${after.slice(0, 20)}"` }
      return q === "'" ? { value: body.replace(/\\'/g, "'"), lastLine: line, interpolates: false } : { value: unescapeDq(body), lastLine: line, interpolates: /(^|[^\\])\$/.test(body) }
    }
    line++
    if (line >= lines.length) return { error: 'unterminated quoted value' }
    buf += '\n' + lines[line]
  }
}

function closingQuote(s: string, q: string): number {
  for (let j = 0; j < s.length; j++) {
    if (s[j] === '\\' && (q === '"' || s[j + 1] === "'")) j++
    else if (s[j] === q) return j
  }
  return -1
}

function unescapeDq(body: string): string {
  return body.replace(/\\(.)/g, (m, c: string) => DQ_ESCAPES[c] ?? m)
}
