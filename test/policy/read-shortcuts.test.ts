import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isSpec } from '../../src/policy/detect.js'
import { fastYamlRoot, resolvePlain } from '../../src/policy/read/yaml-fast.js'
import { simpleYamlRoot } from '../../src/policy/read/yaml-simple.js'
import { fromRoot, isSpecTree, readYaml, readYamlForLint } from '../../src/policy/read/yaml.js'
import { awsSecretAccessKeyPattern } from '../../src/policy/rules/aws-secret-access-key.js'
import { fingerprint } from '../../src/policy/suppress.js'
import { exampleTexts } from './_examples.js'

/** Short cuts of the lint run, each against the long way it replaces. */
describe('lint short cuts', () => {
  const docs = [
    ...exampleTexts().filter((f) => /\.ya?ml$/.test(f.path)).map((f) => f.text),
    'auth: {}\nversion: 1\n', 'auth:\n  provider: x\nregistry: {}\n', 'auth: x\nversion: 1\n', 'auth: [a]\nversion: 1\n', 'auth:\nversion: 1\n',
    'auth: {}\n', 'version: 1\n', '"auth": {}\n"version": 1\n', 'auth: {}\n~: 1\n', 'auth: {}\nregistry:\n', '- auth: {}\n  version: 1\n',
    'x: 1\n', 'just text\n', '', '__proto__: {auth: {}}\nregistry: 1\n', 'auth: &a {}\nversion: 1\n', 'auth: {k: v}\nversion: 1\nextra: [1, {a: b}]\n',
    "'auth':\n  a: 1\n'registry': x\n", 'null: 1\nauth: {}\nversion: 1\n', 'auth: !!map {}\nversion: 1\n', 'auth: {\nversion: 1\n', 'a: 1\na: 2\n',
  ]

  it('readYamlForLint reads as readYaml, with isSpec(data) from the tree (either fast reader) instead of the data', async () => {
    let specs = 0
    for (const text of docs) {
      for (const root of [simpleYamlRoot(text), fastYamlRoot(text)]) {
        if (root === undefined) continue
        const answer = isSpecTree(root)
        expect(answer, text).toBe(isSpec(fromRoot(text, root).data))
        if (answer) specs++
      }
      const full = await readYaml(text)
      const { spec, ...rest } = await readYamlForLint(text)
      expect(rest, text).toEqual({ entries: full.entries, ...(full.error ? { error: full.error } : {}) })
      expect(spec, text).toBe(isSpec(full.data))
    }
    expect(specs).toBeGreaterThan(10)
  })

  it('resolvePlain resolves as the YAML 1.2 core schema, also for words it skips by their first character (property)', () => {
    const core = (s: string): unknown => {
      if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null
      if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T'
      if (/^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/.test(s)) return s[1] === 'o' ? parseInt(s.slice(2), 8) : s[1] === 'x' ? parseInt(s.slice(2), 16) : parseInt(s, 10)
      if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/.test(s)) {
        if (/^[-+]?\.(?:inf|Inf|INF)$/.test(s)) return s[0] === '-' ? -Infinity : Infinity
        return /^\.(?:nan|NaN|NAN)$/.test(s) ? NaN : parseFloat(s)
      }
      return s
    }
    const word = fc.oneof(
      fc.string(),
      fc.tuple(fc.constantFrom('', '~', 'n', 'N', 't', 'T', 'f', 'F', '+', '-', '.', '0', '9', 'x', 'é', ' '), fc.constantFrom('', 'ull', 'ULL', 'rue', 'alse', 'inf', 'nan', 'NaN', '1', '0x1f', 'o17', 'e3', '.5', 'x')).map(([a, b]) => a + b),
    )
    fc.assert(fc.property(word, (s) => {
      expect(resolvePlain(s)).toEqual(core(s))
    }), { numRuns: 20000 })
    for (const s of ['', '~', 'null', 'True', 'FALSE', '0o17', '0x1F', '-12', '+.5e+1', '.inf', '-.Inf', '.NaN', '1.', 'x1', 'nul']) expect(resolvePlain(s), s).toEqual(core(s))
  })

  it('a fingerprint is the first 32 hex digits of sha256 over rule, place, path and subject joined by NUL', () => {
    const parts = ['RC5001', 'helm-stack', 'deploy/values ü.yaml', 'auth.keycloak.clientSecret'] as const
    expect(fingerprint(...parts)).toBe(createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32))
    expect(fingerprint('RC5001', 'env', 'a/.env', 'x')).not.toBe(fingerprint('RC5001', 'env', 'a/.env', 'y'))
  })

  it('no value shorter than a pattern\'s minLength holds its credential (property)', () => {
    const min = awsSecretAccessKeyPattern.minLength!
    const value = fc.oneof(fc.string({ minLength: 30, maxLength: 50 }), fc.stringMatching(/^\s{0,3}[A-Za-z0-9/+=]{38,42}\s{0,3}$/))
    let found = 0
    fc.assert(fc.property(value, (v) => {
      const hit = awsSecretAccessKeyPattern.find({ key: 'AWS_SECRET_ACCESS_KEY', value: v, line: 1, column: 1 })
      if (hit === undefined) return
      found++
      expect(v.length).toBeGreaterThanOrEqual(min)
    }), { numRuns: 5000 })
    expect(found).toBeGreaterThan(100)
  })
})
