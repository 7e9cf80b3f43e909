import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isSpec } from '../../src/policy/detect.js'
import { resolvePlain } from '../../src/compiler/yaml-core.js'
import { fastYamlRoot } from '../../src/policy/read/yaml-fast.js'
import { simpleYamlRoot } from '../../src/policy/read/yaml-simple.js'
import { fromRoot, isSpecTree, readYaml, readYamlForLint } from '../../src/policy/read/yaml.js'
import { awsSecretAccessKeyPattern } from '../../src/policy/rules/aws-secret-access-key.js'
import { fingerprint } from '../../src/policy/suppress.js'
import { viewOf } from '../../src/policy/lint.js'
import { isEnabledSwitch } from '../../src/policy/rules/_facts.js'
import { RULES } from '../../src/policy/rules/index.js'
import type { LintFile } from '../../src/policy/types.js'
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

  it('pattern rules hit the same entries when they look only at the pattern candidates (property)', () => {
    const fragment = fc.constantFrom('AKIA', 'ASIA', 'A3T', 'Q~', 'eyJ', '-----BEGIN', ' RSA PRIVATE KEY-----', '.', '~', '-', ' ', 'X'.repeat(16), 'a'.repeat(12), 'abc1', 'Zz9/+=', 'hJ5dF1sG0aE')
    const value = fc.oneof(fc.array(fragment, { maxLength: 10 }).map((xs) => xs.join('')), fc.string(), fc.stringMatching(/^[A-Za-z0-9/+=]{40}$/), fc.integer(), fc.constant(null))
    const key = fc.constantFrom('AWS_SECRET_ACCESS_KEY', 'aws.secretAccessKey', 'TOKEN', 'x', 'COGNITO_CLIENT_SECRET')
    const patternRules = RULES.filter((r) => ['RC5003', 'RC5004', 'RC5005', 'RC5006', 'RC5007'].includes(r.id))
    expect(patternRules).toHaveLength(5)
    let hits = 0
    fc.assert(fc.property(fc.array(fc.tuple(key, value), { maxLength: 6 }), (kvs) => {
      const file: LintFile = { path: '.env', kind: 'env', text: '', entries: kvs.map(([k, v], i) => ({ key: k, value: v, line: i + 1, column: 1 })) }
      const view = viewOf(file)
      const everyEntry = { ...view, patternCandidates: file.entries.map((_, i) => i) }
      for (const r of patternRules) {
        const found = r.check(view)
        hits += found.length
        expect(found).toEqual(r.check(everyEntry))
      }
    }), { numRuns: 4000 })
    expect(hits).toBeGreaterThan(200)
  })

  it('isEnabledSwitch(id, provider) is id === `auth.${provider}.enabled` (property)', () => {
    const part = fc.constantFrom('auth.', 'cognito', 'keycloak', '.enabled', 'enabled', '.', 'x', '')
    const id = fc.array(part, { maxLength: 4 }).map((xs) => xs.join(''))
    fc.assert(fc.property(id, fc.constantFrom('cognito', 'keycloak', 'x', ''), (i, p) => {
      expect(isEnabledSwitch(i, p)).toBe(i === `auth.${p}.enabled`)
    }), { numRuns: 5000 })
    expect(isEnabledSwitch('auth.cognito.enabled', 'cognito')).toBe(true)
  })
})
