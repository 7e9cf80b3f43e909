import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isMap, LineCounter, parseDocument } from 'yaml'
import { readYaml } from '../../src/policy/read/yaml.js'
import { awsSecretAccessKeyPattern } from '../../src/policy/rules/aws-secret-access-key.js'
import { fingerprint } from '../../src/policy/suppress.js'
import { viewOf } from '../../src/policy/lint.js'
import { isEnabledSwitch } from '../../src/policy/rules/_facts.js'
import { RULES } from '../../src/policy/rules/index.js'
import type { LintFile } from '../../src/policy/types.js'
import { exampleTexts } from './_examples.js'

/** Short cuts of the lint run, each against the library or the long way it replaces. */
describe('lint short cuts', () => {
  const docs = [
    ...exampleTexts().filter((f) => /\.ya?ml$/.test(f.path)).map((f) => f.text),
    'auth: {}\nversion: 1\n', 'auth:\n  provider: x\nregistry: {}\n', 'auth: x\nversion: 1\n', 'auth: [a]\nversion: 1\n', 'auth:\nversion: 1\n',
    'auth: {}\n', 'version: 1\n', '"auth": {}\n"version": 1\n', 'auth: {}\n~: 1\n', 'auth: {}\nregistry:\n', '- auth: {}\n  version: 1\n',
    'x: 1\n', 'just text\n', '', '__proto__: {auth: {}}\nregistry: 1\n', 'auth: &a {}\nversion: 1\n', 'auth: {k: v}\nversion: 1\nextra: [1, {a: b}]\n',
    "'auth':\n  a: 1\n'registry': x\n", 'null: 1\nauth: {}\nversion: 1\n', 'auth: !!map {}\nversion: 1\n', 'auth: {\nversion: 1\n', 'a: 1\na: 2\n',
  ]

  it('readYaml: a spec is what the `yaml` package reads as a mapping with an `auth` mapping and `registry` or `version`', () => {
    const plainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
    let specs = 0
    for (const text of docs) {
      const doc = parseDocument(text, { prettyErrors: false })
      const read = readYaml(text)
      if (doc.errors.length) {
        expect(read.error, text).toBeDefined()
        continue
      }
      const data = doc.toJS()
      const spec = plainObject(data) && plainObject(data.auth) && ('registry' in data || 'version' in data)
      expect(read.spec, text).toBe(spec)
      if (spec) specs++
    }
    expect(specs).toBeGreaterThan(10)
  })

  it('readYaml places each scalar where the `yaml` package\'s LineCounter puts its node', () => {
    const text = 'a:\n  b: 1\n  c: [x, {d: "y"}]\nenv:\n  - name: SECRET_KEY\n    value: k\n'
    const lines = new LineCounter()
    const doc = parseDocument(text, { lineCounter: lines })
    const pos = (path: (string | number)[]) => {
      const n = doc.getIn(path, true) as { range: [number, number, number] }
      const { line, col } = lines.linePos(n.range[0])
      return { line, column: col }
    }
    expect(isMap(doc.contents)).toBe(true)
    expect(readYaml(text).entries).toEqual([
      { key: 'a.b', value: 1, ...pos(['a', 'b']) },
      { key: 'a.c.0', value: 'x', ...pos(['a', 'c', 0]) },
      { key: 'a.c.1.d', value: 'y', ...pos(['a', 'c', 1, 'd']) },
      { key: 'env.SECRET_KEY', value: 'k', ...pos(['env', 0, 'value']) },
    ])
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
