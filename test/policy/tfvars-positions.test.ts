import { describe, expect, it } from 'vitest'
import { readTfvars, readTfvarsJson } from '../../src/policy/read/tfvars.js'
import { exampleTexts } from './_examples.js'

/** Where a .tfvars entry is placed: the line assigning its key (nested keys under their parent's line), the column after the sign. */
type Placed = [key: string, line: number, column: number]

const placed = async (text: string): Promise<Placed[]> => (await readTfvars('t.tfvars', text)).entries.map((e) => [e.key, e.line, e.column])

describe('tfvars entry positions', () => {
  const cases: [string, Placed[]][] = [
    ['a = 1\nb = "x"\n', [['a', 1, 5], ['b', 2, 5]]],
    ['a = 1\n  b   =   2\n', [['a', 1, 5], ['b', 2, 11]]],
    ['tags = {\n  name = "x"\n  "team" = "y"\n}\nname = "z"\n', [['tags.name', 2, 10], ['tags.team', 3, 12], ['name', 5, 8]]],
    ['name = "z"\ntags = { name = "x" }\n', [['name', 1, 8], ['tags.name', 2, 1]]],
    ['a = { b = { a = 1 } }\n', [['a.b.a', 1, 5]]],
    ['# a = 0\na = 1 # a = 2\n', [['a', 2, 5]]],
    ['a = 1\r\nb = 2\r\n', [['a', 1, 5], ['b', 2, 5]]],
    // keys the line index cannot name (a dotted one, list indexes) are placed at their parent's line
    ['a = { "b.c" = 1 }\n', [['a.b.c', 1, 1]]],
    ['a = [1, 2]\n', [['a.0', 1, 1], ['a.1', 1, 1]]],
  ]
  for (const [text, want] of cases) it(`places ${JSON.stringify(text)}`, async () => expect(await placed(text)).toEqual(want))

  it('every terraform.tfvars compiled from the examples: each entry on a line that assigns its last key', async () => {
    const texts = exampleTexts().filter((f) => f.path.endsWith('.tfvars'))
    expect(texts.length).toBeGreaterThan(3)
    for (const { text } of texts) {
      const lines = text.split('\n')
      const file = await readTfvars('t.tfvars', text)
      expect(file.unreadable).toBeUndefined()
      expect(file.entries.length).toBeGreaterThan(0)
      for (const e of file.entries) {
        const last = e.key.slice(e.key.lastIndexOf('.') + 1)
        const line = lines[e.line - 1]!
        if (/^\d+$/.test(last)) continue
        expect(line, e.key).toMatch(new RegExp(`^\\s*"?${last}"?\\s*=`))
        expect(e.column, e.key).toBe(line.indexOf('=') + 1 + /^=\s*/.exec(line.slice(line.indexOf('=')))![0].length)
      }
    }
  })

  it('a .tfvars.json file places each key at its line, after the colon', () => {
    const file = readTfvarsJson('t.tfvars.json', '{\n  "a": 1,\n  "tags": {\n    "team": "x"\n  }\n}\n')
    expect(file.entries.map((e) => [e.key, e.line, e.column])).toEqual([['a', 2, 8], ['tags.team', 4, 13]])
  })

  it('a syntax error is unreadable at the parser\'s position', async () => {
    const file = await readTfvars('t.tfvars', 'a = 1\nb = \n')
    expect(file.unreadable?.line).toBe(2)
  })
})
