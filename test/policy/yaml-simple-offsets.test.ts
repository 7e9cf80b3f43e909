import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { YamlNode } from '../../src/policy/read/yaml-fast.js'
import { isSpace, simpleYamlRoot } from '../../src/policy/read/yaml-simple.js'
import { simpleYamlRoot as simpleYamlRootBefore } from './_yaml-simple-before.js'
import { exampleTexts } from './_examples.js'

/**
 * The block-style reader reads by offsets (one string per line, no match arrays, sticky patterns).
 * It must answer exactly as the line-slicing reader it replaced (kept in _yaml-simple-before.ts):
 * the same tree, offsets and values, and the same documents declined.
 */
const same = (text: string) => expect(tree(simpleYamlRoot(text)), JSON.stringify(text)).toEqual(tree(simpleYamlRootBefore(text)))

/** A tree as plain data whatever holds a mapping's values (an object by key, or an array in key order). */
function tree(node: unknown): unknown {
  if (!(node instanceof YamlNode)) return node
  const at = { kind: node.kind, start: node.start, end: node.end, keys: node.keys.map(tree) }
  if (node.kind === 'scalar') return { ...at, value: node.value }
  if (node.kind === 'sequence') return { ...at, items: (node.value as unknown[]).map(tree) }
  return { ...at, values: node.keys.map((_, i) => tree(node.valueAt(i))), byName: node.keys.map((k) => [node.has(String(k.value)), tree(node.get(String(k.value)))]) }
}

describe('block-style YAML reader by offsets', () => {
  it('isSpace is exactly \\s and what trimStart removes, for every UTF-16 code unit', () => {
    const wrong: string[] = []
    let spaces = 0
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c)
      if (isSpace(c)) spaces++
      if (isSpace(c) !== /\s/.test(ch) || isSpace(c) !== (ch.trimStart() === '')) wrong.push(c.toString(16))
    }
    expect(wrong).toEqual([])
    expect(spaces).toBe(25)
  })

  it('reads every example, every compiled surface file and every YAML file of the repository as before', () => {
    const texts = exampleTexts().map((f) => f.text)
    for (const dir of ['examples', 'test', 'conformance', 'schema']) {
      for (const d of readdirSync(dir, { withFileTypes: true, recursive: true })) {
        if (d.isFile() && /\.ya?ml$/.test(d.name) && !d.parentPath.includes('node_modules')) texts.push(readFileSync(join(d.parentPath, d.name), 'utf8'))
      }
    }
    let taken = 0
    for (const text of texts) {
      same(text)
      if (simpleYamlRoot(text) !== undefined) taken++
    }
    expect(taken).toBeGreaterThan(20)
  })

  const cases = [
    'a: 1\nb:\n  c: "x" # c\n  d: \'it\'\'s\'\n  e: [a, "b", {k: v}]\n  f: {}\n',
    'a:\n- x\n-   y: 1\n    z: 2\n- [1, 2]\n',
    'k: "a\\b"\n', "k: 'open\n", 'k: "x" y\n', 'k: "x"  # ok\n', 'k: "x"\u2028\n', 'k: "x" #\u2028c\n',
    '"q": 1\n\'s\': 2\n"a\\": 3\n\'x\'y\': 4\n', 'a b: 1\na:b: 2\n', 'a#b: 1\n', 'x: a:b\nx2: a: b\n',
    '\u00a0a: 1\n\u00a0b: 2\n', '\u3000k: v\n', 'k:\u00a0v\n', 'k: v\u00a0\n', 'k: v\u00a0# c\n', '\u000bk: 1\n', 'k: [a\u00a0, b]\n',
    '- \u00a0x\n', '-\u00a0x\n', '- - x\n', '-\n', '- # c\n', 'k: [a, b,]\n', 'k: [a, b] x\n', 'k: [a, b]   \n', 'k: {a: 1, a: 2}\n',
    'k: {"a": [1, \'b\'], c: "d\\e"}\n', "k: ['a''b', 'c']\n", 'k: {a:1}\n', 'k: {a: }\n', 'k: [a:b, c]\n', 'k: [api://x]\n',
    'k: x #c\nl: y#c\n', 'k: {}\nl: []\n', Array.from({ length: 40 }, (_, i) => `k${i}: ${i}\n`).join(''), Array.from({ length: 40 }, (_, i) => `k${i % 35}: ${i}\n`).join(''),
    `k: {${Array.from({ length: 40 }, (_, i) => `a${i % 39}: ${i}`).join(', ')}}\n`, `k: {${Array.from({ length: 40 }, (_, i) => `a${i}: ${i}`).join(', ')}}\n`, 'k: #c\n  l: 1\n', 'k:\n\n  # c\n  l: 1\n', '', '# only\n', '   \n', 'a: 1\n  b: 2\n', '  a: 1\nb: 2\n',
  ]
  for (const text of cases) it(`reads as before: ${JSON.stringify(text)}`, () => same(text))

  // lines from the pieces the two readers treat specially: quotes, colons, hashes, flow indicators, odd white space
  const piece = fc.constantFrom(
    'a', 'b', 'key', 'x y', '"', "'", "''", '\\', ':', ': ', ' :', '#', ' #', '[', ']', '{', '}', ',', ', ', '-', '- ', ' ', '  ',
    '\u00a0', '\u2028', '\u3000', '\u000b', '\u000c', '1', 'true', 'null', '~', '0x1', '.5', 'é', '😀', '[]', '{}', '&', '*', '!', '|', '>',
  )
  const text = fc.array(piece, { maxLength: 8 }).map((xs) => xs.join(''))
  const indent = fc.constantFrom('', ' ', '  ', '    ', '\u00a0')
  const line = fc.oneof(
    fc.tuple(indent, text, fc.constantFrom(': ', ':', ':  '), text).map(([i, k, c, v]) => `${i}${k}${c}${v}`),
    fc.tuple(indent, fc.constantFrom('a', 'b', 'c', '"q"', "'s'"), fc.constantFrom(': ', ':'), text).map(([i, k, c, v]) => `${i}${k}${c}${v}`),
    fc.tuple(indent, fc.constantFrom('- ', '-  ', '-'), text).map(([i, d, v]) => `${i}${d}${v}`),
    fc.tuple(indent, fc.constantFrom('a', 'b', 'c')).map(([i, k]) => `${i}${k}:`),
    fc.tuple(indent, text).map(([i, t]) => `${i}${t}`),
    fc.constantFrom('# comment', '', '  # indented comment'),
  )
  const doc = fc.tuple(fc.array(line, { maxLength: 10 }), fc.boolean()).map(([ls, end]) => ls.join('\n') + (end ? '\n' : ''))

  it('reads generated documents as before (property)', () => {
    let taken = 0
    fc.assert(fc.property(doc, (t) => {
      same(t)
      if (simpleYamlRootBefore(t) !== undefined) taken++
    }), { numRuns: Number(process.env.FUZZ_RUNS ?? 20000) })
    // the comparison means something only if a fair share of the documents is read, not declined
    expect(taken).toBeGreaterThan(1000)
  })
})
