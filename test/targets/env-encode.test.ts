import { parse as dotenvParse } from 'dotenv'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDotenv } from '../../targets/env/dotenv-parse.js'
import { encodeEnvValue } from '../../targets/env/encode.js'

/** Both readers: the dotenv package and our reader with docker compose's rules. */
function readBack(encoded: string): { dotenv?: string; compose?: string } {
  const file = `KEY=${encoded}\n`
  return { dotenv: dotenvParse(file).KEY, compose: parseDotenv(file).entries.find((e) => e.key === 'KEY')?.value }
}

const TRICKY = ['plain', '', 'with space', 'a#b', 'a #b', '#start', 'pa$word', '$HOME', '${VAR}', 'pa$$word', "it's", 'say "hi"', 'back\\slash', 'a\\nb', 'a b\\c', 'line1\nline2', 'tab\there', 'unicode é ü 日本 🔐', '=starts=with=equals', '  padded  ', '`tick`', "'quoted'", '"dq"', 'x=y', 'C:\\path\\to']

describe('.env encoder', () => {
  for (const value of TRICKY) {
    it(`encodes ${JSON.stringify(value)} so that dotenv and compose read it back unchanged`, () => {
      const enc = encodeEnvValue(value)
      expect(enc).toBeDefined()
      expect(readBack(enc!)).toEqual({ dotenv: value, compose: value })
    })
  }

  it('refuses values with no portable form', () => {
    for (const v of ["it's $HOME", "o'clock\\", `'"`, "a'b\nc", "x'`y", 'ends with \\']) expect(encodeEnvValue(v)).toBeUndefined()
  })

  it('property: any value it encodes reads back identically in both readers', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (value) => {
        fc.pre(!value.includes('\r'))
        const enc = encodeEnvValue(value)
        if (enc === undefined) return true
        const back = readBack(enc)
        return back.dotenv === value && back.compose === value
      }),
      { numRuns: 2000 },
    )
  })

  it('property: it only refuses values ending in \\ or holding a single quote with \\ $ " ` or a newline', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (value) => {
        const refused = encodeEnvValue(value) === undefined
        return refused === (value.endsWith('\\') || (value.includes("'") && /[\\$"`\n\r]/.test(value)))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('.env reader (compose rules)', () => {
  it('reads export, comments, quotes and multi-line values', () => {
    const text = "# c\nexport A=1\nB='x y' # note\nC=\"a\\tb\"\nD='l1\nl2'\nE=v #c\nF=a#b\n"
    const r = parseDotenv(text)
    expect(r.errors).toEqual([])
    expect(Object.fromEntries(r.entries.map((e) => [e.key, e.value]))).toEqual({ A: '1', B: 'x y', C: 'a\tb', D: 'l1\nl2', E: 'v', F: 'a#b' })
    expect(r.entries.map((e) => e.line)).toEqual([2, 3, 4, 5, 7, 8])
  })

  it('reports unterminated quotes and garbage lines with their line numbers', () => {
    const r = parseDotenv("A='open\nB=1\n!!!\n")
    expect(r.errors.map((e) => e.line)).toEqual([1])
    expect(parseDotenv('ok=1\n!!!\n').errors).toEqual([{ line: 2, message: expect.stringContaining('KEY=VALUE') }])
  })

  it('marks values that compose would interpolate', () => {
    const r = parseDotenv("A=pa$word\nB='pa$word'\nC=\"$X\"\n")
    expect(r.entries.map((e) => e.interpolates)).toEqual([true, false, true])
  })
})
