import hcl2json from '@cdktf/hcl2json'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeHcl } from '../../targets/terraform/encode.js'
import { fastTfvars } from '../../src/policy/read/tfvars-fast.js'
import { exampleTexts } from './_examples.js'

/**
 * The fast .tfvars reader against HashiCorp's HCL parser (hcl2json, the reference): wherever the
 * fast reader answers, the value and its key order must be the reference's, and the reference must
 * accept the file; where it declines, readTfvars asks the reference.
 */
async function reference(text: string): Promise<{ data?: unknown; error?: string }> {
  try {
    return { data: await hcl2json.parse('t.tfvars', text) }
  } catch (e) {
    return { error: (e as Error).message }
  }
}

async function agrees(text: string): Promise<boolean> {
  const fast = fastTfvars(text)
  if (fast === undefined) return false
  const ref = await reference(text)
  expect(ref.error, JSON.stringify(text)).toBeUndefined()
  // JSON text: the same values and the same key order
  expect(JSON.stringify(fast), JSON.stringify(text)).toBe(JSON.stringify(ref.data))
  expect(fast).toEqual(ref.data)
  return true
}

describe('fast .tfvars reader', () => {
  it('takes, and agrees on, every terraform.tfvars compiled from the examples', async () => {
    const texts = exampleTexts().filter((f) => f.path.endsWith('.tfvars'))
    expect(texts.length).toBeGreaterThan(3)
    for (const { path, text } of texts) expect(await agrees(text), path).toBe(true)
  })

  const taken: Record<string, string> = {
    'scalars': 'a = "x"\nb = 1\nc = 1.50\nd = true\ne = null\nf = false\ng = -2\nh = -0\ni = 0.1\nj = 1e3\nk = 2.5E-3\n',
    'collections': 'f = [1, "a", true]\ng = { x = 1, "y" = 2, z: 3 }\nh = []\ni = {}\nj = [[1], {a = [2]}]\n',
    'multi-line collections': 'a = [\n  1,\n  2,\n]\nb = {\n  c = "d"\n  e = {\n    f = 1,\n  }\n}\n',
    'escapes': 'a = "\\n\\t\\r\\"\\\\ \\u0041 \\U00000042"\n',
    'comments': '# c\n// d\n/* e */ a = 1 # f\nb = [ # g\n  1, // h\n  /* i */ 2,\n]\n',
    'key order': 'z = 1\nb = 2\n10 = 3\n',
    'integer-like object keys': 'a = { z = 1, "10" = 2, "2" = 3, b = 4 }\n',
    'CRLF': 'a = true\r\nb = "c"\r\n',
    'no final newline': 'a = 1',
    'names with dashes': 'a-b_c = 1\n',
    'keywords as object keys': 'a = { true = 1, null = 2 }\n',
    'empty file': '',
    'comments only': '# nothing\n\n',
  }
  delete taken['key order'] // `10 = 3` is not an attribute name: kept for the declined list below
  for (const [name, text] of Object.entries(taken)) it(`takes and agrees: ${name}`, async () => expect(await agrees(text)).toBe(true))

  const declined: Record<string, string> = {
    'templates': 'a = "${var.x}"\n',
    'template escapes': 'a = "$${x} %%{y}"\n',
    'heredoc': 'a = <<EOT\nhello\nEOT\n',
    'expressions': 'a = 1 + 2\nb = var.x\nc = upper("x")\n',
    'a block': 'block "x" {\n  a = 1\n}\n',
    'a redefined attribute': 'a = 1\na = 2\n',
    'a multi-line string': 'a = "x\n"\n',
    'a missing separator': 'a = {b = 1 c = 2}\n',
    'two attributes on a line': 'a = "x"   b = 1\n',
    'a quoted attribute name': '"a" = 1\n',
    'a dotted attribute name': 'a.b = 1\n',
    'a bad escape': 'a = "\\x41"\n',
    'non-ASCII': 'a = "é"\n',
    'a number key': 'a = { 2 = 3 }\n',
    'a parenthesized key': 'a = { (k) = 5 }\n',
    'a long number': 'a = 12345678901234567890\n',
    'hex': 'a = 0x10\n',
    'a for expression': 'a = [for x in [] : x]\n',
    'a conditional': 'a = true ? 1 : 2\n',
    'an integer attribute name': '10 = 3\n',
    'a lone CR': 'a = 1\rb = 2\n',
    'a block comment over lines': '/* a\n*/ b = 1\n',
  }
  for (const [name, text] of Object.entries(declined)) it(`declines: ${name}`, () => expect(fastTfvars(text)).toBeUndefined())

  // tfvars text from fragments: separators, comments, scalars and nesting that the grammar is picky about
  const name = fc.constantFrom('a', 'b', 'a_b', 'a-b', 'x1', 'true', 'null', 'for', 'in', 'if', '_', 'A')
  const atom = fc.oneof(
    fc.constantFrom('"x"', '""', '"a b"', '"\\n"', '"\\u0041"', '"\\U00000041"', '"\\""', '"\\\\"', '"$"', '"%"', '"$x"', '"a$"', '"{}"', '"#"', '"//"', '"/*"'),
    fc.constantFrom('0', '1', '-1', '-0', '1.5', '1.50', '0.1', '10', '007', '1e3', '1E+3', '2.5e-3', '1e-400', '1e400', '123456789012345', '1234567890123456', '0.000001', '-0.0', '1.', '.5', '- 1'),
    fc.constantFrom('true', 'false', 'null', 'True', 'nil', 'x'),
    fc.integer().map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.string({ unit: 'grapheme-ascii', maxLength: 8 }).map((s) => encodeHcl(s)),
  )
  const ws = fc.constantFrom('', ' ', '  ', '\t', ' # c\n', ' // c\n', ' /* c */ ', '\n', '\r\n')
  const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      atom,
      fc.tuple(fc.array(fc.tuple(ws, tie('v'), ws), { maxLength: 3 }), fc.constantFrom('', ','), ws).map(([items, end, w]) => `[${items.map(([a, v, b]) => a + v + b).join(',')}${items.length ? end : ''}${w}]`),
      fc.tuple(fc.array(fc.tuple(ws, fc.oneof(name, fc.constantFrom('"k"', '"a.b"', '"10"', '"2"', '3')), fc.constantFrom(' = ', '=', ': ', ' : '), tie('v'), fc.constantFrom(',', '\n', ', ', ' ,\n', '')), { maxLength: 3 }), ws).map(([items, w]) => `{${items.map(([a, k, eq, v, sep]) => a + k + eq + v + sep).join('')}${w}}`),
    ),
  })).v
  const attr = fc.tuple(name, fc.constantFrom(' = ', '=', '  =  ', ' == ', ': '), value, fc.constantFrom('', ' ', ' # x', ' // x', ' /* x */')).map(([n, eq, v, tail]) => `${n}${eq}${v}${tail}`)
  const file = fc.tuple(fc.array(fc.oneof(attr, fc.constantFrom('', '# comment', '  ')), { maxLength: 6 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([ls, nl, end]) => ls.join(nl) + (end ? nl : ''))

  it('agrees with HashiCorp HCL on generated files, and never takes a file it rejects (property)', async () => {
    let took = 0
    let runs = 0
    await fc.assert(fc.asyncProperty(file, async (text) => {
      runs++
      if (await agrees(text)) took++
    }), { numRuns: Number(process.env.FUZZ_RUNS ?? 600) })
    // the comparison means something only if the fast reader takes a good share of these files
    expect(took / runs).toBeGreaterThan(0.1)
  })

  it('agrees on every string the compiler writes (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom('a', 'b_c', 'd-e'), fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean())), async (vars) => {
      const text = Object.entries(vars).map(([k, v]) => `${k} = ${encodeHcl(v)}\n`).join('')
      const fast = fastTfvars(text)
      if (fast !== undefined) expect(JSON.stringify(fast)).toBe(JSON.stringify((await reference(text)).data))
    }), { numRuns: Number(process.env.FUZZ_RUNS ?? 300) })
  })
})
