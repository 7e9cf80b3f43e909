/**
 * The fast .tfvars reader: a parser for the constant subset of HCL's native syntax that variable
 * files are written in (attributes whose values are strings, numbers, bools, null, lists and
 * objects, with comments), giving the same value hcl2json gives for them, object keys in its order.
 *
 * A WASM call into HashiCorp's parser costs milliseconds per file; this costs microseconds. It
 * answers only where it is sure to agree, and returns undefined for everything else so the caller
 * asks HashiCorp's parser (the reference, and the wording of every syntax error): templates
 * (`${`, `%{`), heredocs, expressions, blocks, non-ASCII text, numbers it cannot round exactly like
 * the reference, multi-line block comments, and any syntax error. The agreement is a property test
 * against hcl2json (test/policy/tfvars-fast.test.ts).
 */

class Decline extends Error {}

const decline = (): never => {
  throw new Decline()
}

const isIdStart = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_')
const isId = (c: string | undefined) => isIdStart(c) || (c !== undefined && ((c >= '0' && c <= '9') || c === '-'))

type Value = string | number | boolean | null | Value[] | { [k: string]: Value }

/** The parsed data, or undefined when the reference parser must decide. */
export function fastTfvars(text: string): Record<string, unknown> | undefined {
  // ASCII only: HCL normalizes strings to NFC and names to its own identifier rules; \r only in \r\n
  if (/[^\x09\x0a\x0d\x20-\x7e]|\r(?!\n)/.test(text)) return undefined
  try {
    return new Reader(text).body()
  } catch (e) {
    if (e instanceof Decline) return undefined
    throw e
  }
}

class Reader {
  private i = 0
  constructor(private readonly s: string) {}

  /** attribute (newline attribute)*: each attribute alone on its line, each name once. */
  body(): Record<string, unknown> {
    const out = new Map<string, Value>()
    for (;;) {
      this.skip(true)
      if (this.i >= this.s.length) return sortedObject(out)
      const name = this.ident()
      this.skip(false)
      if (this.s[this.i] !== '=' || this.s[this.i + 1] === '=') decline() // a block, or not an attribute
      this.i++
      this.skip(false)
      if (out.has(name)) decline() // redefined: the reference reports it
      out.set(name, this.value(false))
      this.skip(false)
      if (this.i < this.s.length && !this.newline()) decline()
    }
  }

  /** Spaces, tabs and comments; line breaks too when `lines` (inside brackets, or between attributes). */
  private skip(lines: boolean): void {
    for (;;) {
      const c = this.s[this.i]
      if (c === ' ' || c === '\t') this.i++
      else if (lines && (c === '\n' || c === '\r')) this.i++
      else if (c === '#' || (c === '/' && this.s[this.i + 1] === '/')) {
        while (this.i < this.s.length && this.s[this.i] !== '\n' && this.s[this.i] !== '\r') this.i++
      } else if (c === '/' && this.s[this.i + 1] === '*') {
        const end = this.s.indexOf('*/', this.i + 2)
        if (end === -1 || /[\r\n]/.test(this.s.slice(this.i, end))) decline()
        this.i = end + 2
      } else return
    }
  }

  private newline(): boolean {
    if (this.s[this.i] === '\n') return (this.i++, true)
    if (this.s[this.i] === '\r' && this.s[this.i + 1] === '\n') return ((this.i += 2), true)
    return false
  }

  private ident(): string {
    const from = this.i
    if (!isIdStart(this.s[this.i])) decline()
    while (isId(this.s[this.i])) this.i++
    return this.s.slice(from, this.i)
  }

  /** A constant: string, number (a leading minus folded in), true, false, null, list or object. */
  private value(inBrackets: boolean): Value {
    const c = this.s[this.i]
    let v: Value
    if (c === '"') v = this.string()
    else if (c === '[') v = this.list()
    else if (c === '{') v = this.object()
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) v = this.number()
    else {
      const word = this.ident()
      v = word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : decline()
    }
    // whatever follows must end the value: an operator, index, attribute access or call is an expression
    this.skip(inBrackets)
    const next = this.s[this.i]
    if (next !== undefined && !'\n\r,]}'.includes(next)) decline()
    return v
  }

  private string(): string {
    let out = ''
    for (this.i++; ; ) {
      const c = this.s[this.i]
      if (c === undefined || c === '\n' || c === '\r') decline()
      if (c === '"') return (this.i++, out)
      if ((c === '$' || c === '%') && this.s[this.i + 1] === '{') decline() // a template (or its escape)
      if (c !== '\\') {
        out += c
        this.i++
        continue
      }
      const e = this.s[this.i + 1]
      const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' }
      if (e !== undefined && e in simple) {
        out += simple[e]
        this.i += 2
      } else if (e === 'u' || e === 'U') {
        const hex = this.s.slice(this.i + 2, this.i + 2 + (e === 'u' ? 4 : 8))
        // ASCII only, as for literal text (a code point past it would meet NFC normalization)
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== (e === 'u' ? 4 : 8) || parseInt(hex, 16) > 0x7e || parseInt(hex, 16) < 0x20) decline()
        out += String.fromCharCode(parseInt(hex, 16))
        this.i += 2 + hex.length
      } else decline()
    }
  }

  /** Digits, an optional fraction and exponent; at most 15 significant digits, so a double holds it exactly as the reference rounds it. */
  private number(): number {
    const m = /^(-?)(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]{1,3})?(?![0-9A-Za-z_.])/.exec(this.s.slice(this.i, this.i + 64))
    if (!m || (m[2]! + (m[3] ?? '')).replace(/[.]/g, '').replace(/^0+/, '').length > 15) decline()
    this.i += m![0].length
    const n = Number(m![0])
    if (!Number.isFinite(n) || (n !== 0 && Math.abs(n) < 1e-300)) decline()
    return n
  }

  private list(): Value[] {
    const out: Value[] = []
    this.i++
    for (;;) {
      this.skip(true)
      if (this.s[this.i] === ']') return (this.i++, out)
      out.push(this.value(true))
      if (this.s[this.i] === ',') this.i++
      else if (this.s[this.i] !== ']') decline()
    }
  }

  /** `{ key = value, ... }`: keys are names, quoted strings or numbers; `=` or `:`; items end at a comma or line break. */
  private object(): { [k: string]: Value } {
    const out = new Map<string, Value>()
    this.i++
    for (;;) {
      this.skip(true)
      if (this.s[this.i] === '}') return (this.i++, sortedObject(out))
      const c = this.s[this.i]
      const key = c === '"' ? this.string() : isIdStart(c) ? this.ident() : decline()
      if (key === 'for' && c !== '"') decline() // `{for ...` is a for expression
      this.skip(false)
      if ((this.s[this.i] !== '=' && this.s[this.i] !== ':') || this.s[this.i + 1] === '=') decline()
      this.i++
      this.skip(false)
      if (out.has(key)) decline()
      out.set(key, this.objectValue())
      this.skip(false)
      if (this.s[this.i] === ',') this.i++
      else if (this.s[this.i] !== '}' && !this.newline()) decline()
    }
  }

  /** An object item's value: as value(), but only a line break, comma or `}` may follow it. */
  private objectValue(): Value {
    const v = this.value(false)
    const next = this.s[this.i]
    if (next === ']') decline()
    return v
  }
}

/** hcl2json's key order: Go sorts keys (bytewise; all ASCII here), then JSON.parse lists integer-like keys first, as any object does. */
function sortedObject(m: Map<string, Value>): { [k: string]: Value } {
  const out: { [k: string]: Value } = {}
  for (const k of [...m.keys()].sort()) {
    // as JSON.parse: an inherited name (__proto__) becomes an own property, never the prototype
    if (k in out) Object.defineProperty(out, k, { value: m.get(k), enumerable: true, writable: true, configurable: true })
    else out[k] = m.get(k)!
  }
  return out
}
