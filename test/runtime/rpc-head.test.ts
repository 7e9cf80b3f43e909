import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readRpcHead, type RpcHead } from '../../src/runtime/scopes/rpc-head.js'

/** What targetOf read before rpc-head.ts, with JSON.parse: the oracle. */
function oracle(body: string): RpcHead {
  let rpc: unknown
  try {
    rpc = JSON.parse(body)
  } catch {
    return { kind: 'invalid' }
  }
  if (Array.isArray(rpc) && rpc.length !== 1) return { kind: 'batch' }
  const o = (Array.isArray(rpc) ? rpc[0] : rpc) as { method?: unknown; params?: { name?: unknown } } | null
  const method = o && typeof o.method === 'string' ? o.method : undefined
  const tool = o && typeof o.params?.name === 'string' ? o.params.name : undefined
  return { kind: 'message', method, tool }
}

const agrees = (body: string): void => {
  expect(readRpcHead(body), JSON.stringify(body)).toEqual(oracle(body))
}

/**
 * A JSON text with the freedoms JSON.stringify never takes: white space between tokens, escapes in keys
 * and strings, and duplicate keys (an object is a list of members).
 */
type Doc = { s: string } | { n: string } | { lit: 'true' | 'false' | 'null' } | { arr: Doc[] } | { obj: [string, Doc][] }

const KEYS = ['method', 'params', 'name', 'jsonrpc', 'id', 'arguments', '__proto__', 'constructor', 'Method', 'method ', '']
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 }))
const str = fc.oneof(fc.constantFrom('tools/call', 'tools/list', 'current_time', 'a"b', 'a\\b', '\u2028', '\ud800', '😀', 'é\u0000\u001f'), fc.string({ maxLength: 8, unit: 'binary' }))
const num = fc.oneof(fc.constantFrom('0', '-0', '1', '-1.5', '1e9', '2E-3', '1.0e+2', '123456789012345678901234567890'), fc.integer().map(String), fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)))

const { doc } = fc.letrec<{ doc: Doc }>((tie) => ({
  doc: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    str.map((s) => ({ s })),
    num.map((n) => ({ n })),
    fc.constantFrom('true', 'false', 'null').map((lit) => ({ lit }) as Doc),
    fc.array(tie('doc'), { maxLength: 3 }).map((arr) => ({ arr })),
    fc.array(fc.tuple(key, tie('doc')), { maxLength: 4 }).map((obj) => ({ obj })),
  ),
}))

/** A JSON-RPC-shaped message: the keys targetOf reads, sometimes twice, sometimes of another type. */
const message: fc.Arbitrary<Doc> = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom('method', 'params', 'jsonrpc', 'id', 'name'), fc.oneof(str.map((s) => ({ s }) as Doc), doc, fc.array(fc.tuple(fc.constantFrom('name', 'arguments', 'method'), fc.oneof(str.map((s) => ({ s }) as Doc), doc)), { maxLength: 3 }).map((obj) => ({ obj }) as Doc))), { maxLength: 5 }),
  )
  .map(([obj]) => ({ obj }))

const ws = fc.stringMatching(/^[ \t\n\r]{0,2}$/)

/** Renders a Doc; `pick` chooses the white space and whether each character of a string is escaped. */
function render(d: Doc, pick: () => number): string {
  const space = () => [' ', '', '\n', '\t', '\r\n', ''][pick() % 6]!
  const quote = (s: string) => {
    let out = '"'
    for (const ch of s) {
      const c = ch.charCodeAt(0)
      const mode = pick() % 5
      if (ch === '"' || ch === '\\' || c < 0x20 || mode === 0) out += [...ch].map((u) => '\\u' + u.charCodeAt(0).toString(16).padStart(4, pick() % 2 ? '0' : '0')).join('').replace(/[a-f]/g, (h) => (pick() % 2 ? h : h.toUpperCase()))
      else if (ch === '/' && mode === 1) out += '\\/'
      else out += ch.length === 2 && mode === 2 ? `\\u${c.toString(16)}${ch.slice(1)}` : ch
    }
    return out + '"'
  }
  if ('s' in d) return quote(d.s)
  if ('n' in d) return d.n
  if ('lit' in d) return d.lit
  if ('arr' in d) return `[${space()}${d.arr.map((x) => render(x, pick) + space()).join(',' + space())}]`
  return `{${space()}${d.obj.map(([k, v]) => `${quote(k)}${space()}:${space()}${render(v, pick)}${space()}`).join(',' + space())}}`
}

const rendered = (a: fc.Arbitrary<Doc>) => fc.tuple(a, fc.array(fc.nat(), { minLength: 1, maxLength: 64 }), ws, ws).map(([d, seeds, before, after]) => {
  let k = 0
  return before + render(d, () => seeds[k++ % seeds.length]!) + after
})

describe('readRpcHead', () => {
  it('reads a message, and a batch of one, as targetOf did', () => {
    expect(readRpcHead('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"current_time","arguments":{"tz":"UTC"}}}')).toEqual({ kind: 'message', method: 'tools/call', tool: 'current_time' })
    expect(readRpcHead('[{"method":"tools/list"}]')).toEqual({ kind: 'message', method: 'tools/list', tool: undefined })
    expect(readRpcHead('[]')).toEqual({ kind: 'batch' })
    expect(readRpcHead('[{"method":"a"},{"method":"b"}]')).toEqual({ kind: 'batch' })
  })

  it.each([
    ['the last of duplicate keys wins', '{"method":"a","params":{"name":"x","name":"y"},"method":"b"}'],
    ['a later params that is not an object takes the tool away', '{"method":"a","params":{"name":"x"},"params":[1]}'],
    ['a later method that is not a string takes the method away', '{"method":"a","method":{"x":1}}'],
    ['__proto__ is an ordinary key', '{"__proto__":{"method":"a"},"params":{"__proto__":{"name":"x"}}}'],
    ['escaped keys and values are decoded', '{"me\\u0074hod":"tools\\/call","par\\u0061ms":{"n\\u0061me":"\\ud83d\\ude00 \\u00e9"}}'],
    ['a lone surrogate is a string like any other', '{"method":"\\ud800"}'],
    ['a method inside a nested object is not the message’s', '{"params":{"method":"a","params":{"name":"x"}}}'],
    ['the first item of a batch of one only', '[[{"method":"a"}]]'],
    ['a primitive message', '"tools/call"'],
    ['null', 'null'],
    ['deep nesting', '['.repeat(5000) + ']'.repeat(5000)],
    ['deep nesting under params', `{"method":"m","params":{"x":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)},"name":"t"}}`],
    ['every number form', '{"method":"m","a":[0,-0,1.5,-2e10,3E+2,4e-2,1234567890123456789012345678901234567890]}'],
  ])('%s: as JSON.parse reads it', (_, body) => agrees(body))

  it.each([
    ['trailing comma', '{"method":"a",}'],
    ['trailing comma in an array', '[{"method":"a"},]'],
    ['leading zero', '{"method":"a","id":01}'],
    ['bare dot', '{"id":.5,"method":"a"}'],
    ['no fraction digits', '{"id":1.,"method":"a"}'],
    ['no exponent digits', '{"id":1e,"method":"a"}'],
    ['plus sign', '{"id":+1,"method":"a"}'],
    ['single quotes', "{'method':'a'}"],
    ['unquoted key', '{method:"a"}'],
    ['a raw control character in a string', '{"method":"a\tb"}'],
    ['a bad escape', '{"method":"a\\x41"}'],
    ['a short \\u escape', '{"method":"\\u12"}'],
    ['an unterminated string', '{"method":"a'],
    ['an unclosed object', '{"method":"a"'],
    ['a mismatched close', '{"method":"a"]'],
    ['two values', '{"method":"a"} {}'],
    ['non-JSON white space', '\u00a0{"method":"a"}'],
    ['vertical tab', '{"method":"a"}\v'],
    ['white space only', '  \n'],
    ['NaN', '{"id":NaN,"method":"a"}'],
    ['a truncated literal', '{"a":tru,"method":"a"}'],
    ['a literal run on', '{"a":truex,"method":"a"}'],
    ['a missing colon', '{"method" "a"}'],
    ['a missing comma', '{"method":"a" "b":1}'],
    ['a comment', '{"method":"a"/* c */}'],
  ])('refuses %s, as JSON.parse does', (_, body) => {
    expect(readRpcHead(body)).toEqual({ kind: 'invalid' })
    agrees(body)
  })

  it('agrees with JSON.parse on JSON-RPC-shaped texts with white space, escapes and duplicate keys (property)', () => {
    fc.assert(fc.property(rendered(fc.oneof(message, fc.array(message, { maxLength: 3 }).map((arr) => ({ arr }) as Doc))), agrees), { numRuns: 3000 })
  })

  it('agrees with JSON.parse on any JSON value (property)', () => {
    fc.assert(fc.property(rendered(doc), agrees), { numRuns: 2000 })
    fc.assert(fc.property(fc.jsonValue(), (v) => agrees(JSON.stringify(v))), { numRuns: 1000 })
  })

  it('agrees with JSON.parse after any one-character change (property)', () => {
    const alphabet = fc.constantFrom(...'{}[]:,"\\ \t\n\r\v0123456789.-+eEtrufalsn/ux\u0000\u001f\u00a0\u2028')
    fc.assert(
      fc.property(rendered(message), fc.nat(), fc.nat(2), alphabet, (text, at, op, ch) => {
        const k = text.length === 0 ? 0 : at % (text.length + 1)
        agrees(op === 0 ? text.slice(0, k) + ch + text.slice(k) : op === 1 ? text.slice(0, k) + text.slice(k + 1) : text.slice(0, k) + ch + text.slice(k + 1))
      }),
      { numRuns: 4000 },
    )
  })

  it('agrees with JSON.parse on arbitrary strings (property)', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'{}[]:,"\\ 01-.e"tfn') }), agrees), { numRuns: 3000 })
  })
})
