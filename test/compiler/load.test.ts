import { readdirSync, readFileSync } from 'node:fs'
import { LineCounter, parseDocument } from 'yaml'
import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/compiler/index.js'
import { load } from '../../src/compiler/load.js'

/** The reader is the `yaml` package (YAML 1.2 core, duplicate keys refused): the oracle is the package itself. */
describe('the spec reader', () => {
  it('reads every example as the yaml package does', () => {
    for (const f of readdirSync('examples').filter((x) => x.endsWith('.yaml'))) {
      const text = readFileSync(`examples/${f}`, 'utf8')
      expect(load(f, text).source!.data, f).toEqual(parseDocument(text, { uniqueKeys: true }).toJS())
    }
  })

  it('places a diagnostic at the file:line:col of the node, as the yaml package ranges and LineCounter give it', () => {
    const text = 'version: 1\nregistry:\n  externalUrl: "not a url"\n'
    const d = analyze('spec.yaml', text).diagnostics.find((x) => x.pointer === '/registry/externalUrl')!
    const lc = new LineCounter()
    const doc = parseDocument(text, { lineCounter: lc })
    const node = doc.getIn(['registry', 'externalUrl'], true) as { range: [number, number] }
    expect({ file: d.file, ...lc.linePos(node.range[0]) }).toEqual({ file: 'spec.yaml', line: d.line, col: d.column })
    expect([d.line, d.column]).toEqual([3, 16])
  })

  it('reports a YAML error with its place, and every one of them', () => {
    const ds = load('s.yaml', 'a: [unclosed\nb: 1\nb: 2\n').diagnostics
    expect(ds.length).toBeGreaterThan(0)
    expect(ds.every((x) => x.code === 'RC1002' && x.range !== undefined)).toBe(true)
  })
})
