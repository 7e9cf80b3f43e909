// The positions js-yaml records while parsing must agree with the `yaml` package's source ranges, the
// reference they replace on the fast path: same start offset for every value and every key.
import fc from 'fast-check'
import jsyaml from 'js-yaml'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import { load } from '../../src/compiler/load.js'
import { findSpan, spanRecorder } from '../../src/compiler/spans.js'

/** Every path to a value in the data (objects and arrays walked), the root included. */
function paths(v: unknown, at: string[] = []): string[][] {
  const out = [at]
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, String(i)])))
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]))
  return out
}

/** The reference: the `yaml` package's node at the path, or at its closest existing ancestor. */
function nearest(doc: Document, path: string[]): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined
    if (node?.range) return node
  }
  return undefined
}

/** Compares every value's and key's start offset; returns how many the spans answered themselves. */
function compare(text: string): number {
  const doc = parseDocument(text, { uniqueKeys: true })
  if (doc.errors.length) return 0 // the parsers disagree on validity: not a question of positions
  const { source, diagnostics } = load('t.yaml', text)
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  let answered = 0
  const spans = spanRecorder()
  const data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, listener: spans.listener } as jsyaml.LoadOptions)
  for (const path of paths(source!.data)) {
    if (findSpan(spans.root()!, data, path)) answered++
    const node = nearest(doc, path)
    // where the yaml package cannot address a key by its string (`1:`, `true:`), it answers an ancestor
    if (node !== doc.getIn(path, true)) continue
    expect(source!.rangeAt(path)?.[0], `${text}\nat /${path.join('/')}`).toBe(node?.range?.[0])
    if (isMap(node)) {
      for (const p of node.items) {
        if (!isPair(p) || !isScalar(p.key)) continue
        expect(source!.rangeAt(path, String(p.key.value))?.[0], `key ${String(p.key.value)} at /${path.join('/')}`).toBe(p.key.range![0])
      }
    }
  }
  return answered
}

describe('spans recorded by js-yaml', () => {
  it('agree with the yaml package on every example spec, and answer every path themselves', () => {
    const dir = join(__dirname, '../../examples')
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
      const text = readFileSync(join(dir, f), 'utf8')
      const n = paths(load(f, text).source!.data).length
      expect(compare(text), f).toBe(n)
    }
  })

  it('agree on the layouts a hand-written spec uses', () => {
    const cases = [
      'a: 1\nb:\n  c: [x, {y: 2}]\n  d:\n    - e\n    - f: g\n      h:   "quoted"   # t\n  empty:\nk: |\n  block\n',
      '# head\n---\nkey:   # a comment\n  # another\n  value\nlist:\n- a\n-   b\n- - nested\n  - again\n',
      'k: >-\n  folded\n  text\nq: \'single\'\nt: !!str 12\nn: ~\nm: {a: 1, b: [2, 3], c: }\n',
      'multi: plain text\n  that continues\n"quoted key": 1\n? explicit\n: value\n',
      'crlf: 1\r\nnested:\r\n  deeper: true\r\n',
      '1: numeric key\ntrue: bool key\nnull: null key\n',
      'seq:\n  -\n    late: 1\n  - {}\n  - []\n',
    ]
    for (const text of cases) compare(text)
  })

  it('agree on generated documents in block and flow styles', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/)
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('yes', 'a: b', '# x', '- y', 'multi\nline', ' padded '))
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
      map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      list: fc.array(tie('value'), { maxLength: 4 }),
    }))
    const doc = fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 })
    let answered = 0
    let all = 0
    fc.assert(
      fc.property(doc, fc.integer({ min: -1, max: 3 }), fc.boolean(), (data, flowLevel, quote) => {
        const text = jsyaml.dump(data, { flowLevel, forceQuotes: quote })
        answered += compare(text)
        all += paths(data).length
      }),
      { numRuns: 300 },
    )
    // the fallback is rare: the spans answer nearly every path themselves
    expect(answered / all).toBeGreaterThan(0.95)
  })

  it('line and column match the yaml package', () => {
    const text = 'a: 1\r\nb:\n  c: x\n\n  d: [1,\n    2]\n'
    const { source } = load('t.yaml', text)
    const ref = new LineCounter()
    parseDocument(text, { lineCounter: ref })
    for (let i = 0; i <= text.length; i++) expect(source!.lines.linePos(i)).toEqual(ref.linePos(i))
  })
})
