import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readTfvars, readTfvarsJson } from '../../src/policy/read/tfvars.js'
import { readTfvars as readTfvarsBefore, readTfvarsJson as readTfvarsJsonBefore } from './_tfvars-before.js'
import { exampleTexts } from './_examples.js'

/**
 * Where a .tfvars entry is placed: a line index built once per file must answer exactly as the
 * per-key pattern scan it replaced (kept in _tfvars-before.ts), for every key, quoted or not,
 * nested, repeated, and for keys the index does not take.
 */
async function same(text: string): Promise<void> {
  expect(await readTfvars('t.tfvars', text), JSON.stringify(text)).toEqual(await readTfvarsBefore('t.tfvars', text))
  const json = `{\n${text.split('\n').map((l) => l.replace(/^(\s*)"?([^"=\s]*)"?\s*=\s*/, '$1"$2": ')).join('\n')}\n}`
  expect(readTfvarsJson('t.tfvars.json', json), json).toEqual(readTfvarsJsonBefore('t.tfvars.json', json))
}

describe('tfvars entry positions', () => {
  it('every terraform.tfvars compiled from the examples', async () => {
    const texts = exampleTexts().filter((f) => f.path.endsWith('.tfvars'))
    expect(texts.length).toBeGreaterThan(3)
    for (const { text } of texts) await same(text)
  })

  const cases = [
    'a = 1\nb = "x"\n', '"a" = 1\n  b   =   2\n', 'tags = {\n  name = "x"\n  "team" = "y"\n}\nname = "z"\n', 'name = "z"\ntags = { name = "x" }\n',
    'a = { "b.c" = 1, "d e" = 2, "" = 3 }\n', 'a = { "x\\"y" = 1 }\n', 'a-b = 1\na_b = 2\n', 'a = [1, 2]\nb = [{ c = 1 }, { c = 2 }]\n',
    'a = 1\r\nb = 2\r\n', '\u00a0a = 1\n', 'a\u3000= 1\n', '= 1\na = 2\n', 'a = { b = { a = 1 } }\n', 'x = { "1" = 1, "10" = 2, "2" = 3 }\n',
    'a = 1 # a = 2\n', '# a = 0\na = 1\n', '  "a"= 1\n', 'a ="x"\n', '',
  ]
  for (const text of cases) it(`places as before: ${JSON.stringify(text)}`, () => same(text))

  const name = fc.constantFrom('a', 'b', 'name', 'tags', 'a-b', 'a_b', 'x1', '"a"', '"b.c"', '"d e"', '""')
  const scalar = fc.constantFrom('1', '"x"', 'true', 'null', '[1, 2]', '[]', '{}')
  const value: fc.Arbitrary<string> = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(fc.tuple(name, tie('v')), { maxLength: 3 }).map((kv) => `{\n${kv.map(([k, v]) => `  ${k} = ${v}`).join('\n')}\n}`)),
  })).v
  const attr = fc.tuple(fc.constantFrom('', ' ', '\u00a0'), fc.constantFrom('a', 'b', 'name', 'tags', 'a-b', 'x1'), fc.constantFrom(' = ', '=', '  =  '), value).map(([i, k, eq, v]) => `${i}${k}${eq}${v}`)
  const file = fc.array(fc.oneof(attr, fc.constantFrom('# a = 1', '')), { maxLength: 6 }).map((ls) => ls.join('\n') + '\n')

  it('places generated files as before (property)', async () => {
    await fc.assert(fc.asyncProperty(file, (text) => same(text)), { numRuns: Number(process.env.FUZZ_RUNS ?? 400) })
  })
})
