import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { awsAccessKeyIdPattern } from '../../src/policy/rules/aws-access-key-id.js'
import { entraClientSecretPattern } from '../../src/policy/rules/entra-client-secret.js'
import { jwtPattern } from '../../src/policy/rules/jwt.js'
import { privateKeyPattern } from '../../src/policy/rules/private-key.js'

/**
 * `needs` lets a pattern rule skip the regex for values without one of the substrings every match
 * contains. It must never hide a match: wherever the regex finds a credential, a needed substring
 * is in the value.
 */
const PATTERNS = [awsAccessKeyIdPattern, entraClientSecretPattern, jwtPattern, privateKeyPattern]

const samples = [
  'AKIAIOSFODNN7EXAMPLE', 'x ASIAABCDEFGHIJKLMNOP y', 'A3TXABCDEFGHIJKLMNOP', 'abc1Q~abcdefghijklmnopqrstuvwxyz01234',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl', '-----BEGIN RSA PRIVATE KEY-----', '-----BEGIN PRIVATE KEY BLOCK-----',
]
// values from the characters and fragments the patterns are made of, so the regexes do match
const fragment = fc.constantFrom('AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T', 'Q~', 'eyJ', '-----BEGIN', 'PRIVATE KEY', '-----', ' ', '.', '=', '"', 'A', 'Z', '0', '9', 'a', '_', '~', '-', 'X'.repeat(16), 'a'.repeat(12))
const value = fc.oneof(fc.array(fragment, { maxLength: 14 }).map((xs) => xs.join('')), fc.constantFrom(...samples), fc.string())

describe('pattern rule pre-checks (needs)', () => {
  it('every sample is found, and holds a needed substring', () => {
    for (const s of samples) {
      const hits = PATTERNS.filter((p) => p.find({ key: 'k', value: s, line: 1, column: 1 }) !== undefined)
      expect(hits.length, s).toBeGreaterThan(0)
    }
  })

  it('a value the regex matches always holds a needed substring (property)', () => {
    let found = 0
    fc.assert(fc.property(value, (s) => {
      for (const p of PATTERNS) {
        if (p.find({ key: 'k', value: s, line: 1, column: 1 }) === undefined) continue
        found++
        expect(p.needs!.some((n) => s.includes(n)), `${p.id} ${s}`).toBe(true)
      }
    }), { numRuns: 5000 })
    expect(found).toBeGreaterThan(50)
  })
})
