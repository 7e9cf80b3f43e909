import h2j from '@cdktf/hcl2json'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeHclString, untemplate } from '../../targets/terraform/encode.js'

/** What Terraform sees: HashiCorp's HCL parser, then the template escapes undone. */
async function readBack(encoded: string): Promise<string | undefined> {
  const json = (await h2j.parse('t.tfvars', `v = ${encoded}\n`)) as { v: string }
  return untemplate(json.v)
}

const TRICKY = ['plain', '', '${USER}', '%{ if x }', '$${already}', '%%{x}', '%%{{', '$${{', '%%%{', '$$${x}', '%${x}', '$%{x}', 'a$b', 'a%b', '$', '%', '${', 'quote "q"', 'back\\slash', '\\"', 'line1\nline2', 'tab\tx', 'cr\rx', 'bell\u0007', 'unicode é 日本 🔐', '#hash', '// slashes', '/* c */']

describe('tfvars encoder (checked by HashiCorp HCL via @cdktf/hcl2json)', () => {
  for (const value of TRICKY) {
    it(`round-trips ${JSON.stringify(value)}`, async () => {
      expect(await readBack(encodeHclString(value))).toBe(value)
    })
  }

  it('escapes template sequences', () => {
    expect(encodeHclString('${x} %{y}')).toBe('"$${x} %%{y}"')
  })

  // HCL normalizes string literals to NFC, as Terraform does.
  it('property: every string round-trips (as its NFC form)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 30 }), async (value) => (await readBack(encodeHclString(value))) === value.normalize('NFC')),
      { numRuns: 300 },
    )
  })

  it('rejects interpolation in a parsed tfvars string', () => {
    expect(untemplate('${var.x}')).toBeUndefined()
    expect(untemplate('a %{if}')).toBeUndefined()
    expect(untemplate('$${ok}')).toBe('${ok}')
  })
})
