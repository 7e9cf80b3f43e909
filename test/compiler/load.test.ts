import fc from 'fast-check'
import jsyaml from 'js-yaml'
import { readdirSync, readFileSync } from 'node:fs'
import { parseDocument, stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { load } from '../../src/compiler/load.js'

/** The fast reader (js-yaml) must read every spec exactly as the positional one (yaml) does. */
const slow = (text: string) => parseDocument(text, { uniqueKeys: true }).toJS()
const fast = (text: string) => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, json: false })

describe('the two YAML readers agree', () => {
  it('on every example', () => {
    for (const f of readdirSync('examples').filter((x) => x.endsWith('.yaml'))) {
      const text = readFileSync(`examples/${f}`, 'utf8')
      expect(fast(text), f).toEqual(slow(text))
      expect(load(f, text).source!.data).toEqual(slow(text))
    }
  })

  it('property: on any JSON-like document written by yaml', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        const text = stringify({ root: v })
        const json = (x: unknown) => JSON.parse(JSON.stringify(x)) // -0 and 0 are one number in a spec
        expect(json(fast(text))).toEqual(json(slow(text)))
      }),
      { numRuns: 500 },
    )
  })

  it('on scalars whose type depends on the YAML version', () => {
    const text = 'a: 0o17\nb: 017\nc: yes\nd: ~\ne: 1e3\nf: .inf\ng: 2026-01-01\nh: 0x1F\ni: +12\n'
    expect(fast(text)).toEqual(slow(text))
  })

  it('positions are still found lazily for a spec read by the fast path', () => {
    const src = load('s.yaml', 'registry:\n  externalUrl: x\n').source!
    expect(src.lines.linePos(src.text.lastIndexOf('x'))).toEqual({ line: 2, col: 16 })
  })
})
