import fc from 'fast-check'
import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/compiler/index.js'
import { isSecretRef, type CanonicalParams, type ParameterId } from '../../src/compiler/types.js'
import { TARGETS } from '../../targets/index.js'
import type { EmitContext } from '../../targets/types.js'

// no "--" in the third and fourth place: such labels are IDNA (xn--…) and URL rejects invalid ones
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/).filter((l) => l.slice(2, 4) !== '--')
const host = fc.tuple(label, label).map(([a, b]) => `${a}.${b}.com`)
/** Free text with the characters that need escaping on some surface. */
const text = fc.string({ unit: fc.constantFrom(...'abcXYZ019 #$%{}"\'\\`=:/é\n'.split('')), minLength: 1, maxLength: 16 })
const envName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,12}$/)
const secretRef = fc.oneof(
  envName.map((env) => ({ env })),
  fc.stringMatching(/^[a-z0-9/._-]{1,20}$/).map((file) => ({ file })),
  fc.tuple(fc.constantFrom('us-east-1', 'eu-west-1'), fc.stringMatching(/^[a-z0-9-]{1,12}$/)).map(([r, n]) => ({ awsSecretsManager: `arn:aws:secretsmanager:${r}:123456789012:secret:${n}` })),
  fc.tuple(label, fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/)).map(([name, key]) => ({ kubernetesSecret: { name, key } })),
)

const cognito = fc.record({
  userPoolId: fc.tuple(fc.constantFrom('us-east-1', 'eu-central-1', 'ap-southeast-2'), fc.stringMatching(/^[A-Za-z0-9]{3,9}$/)).map(([r, id]) => `${r}_${id}`),
  clientId: text,
  clientSecret: secretRef,
  domain: fc.option(label, { nil: undefined }),
})
const keycloak = fc.record({
  url: host.map((h) => `https://${h}`),
  externalUrl: host.map((h) => `https://${h}`),
  realm: fc.option(text, { nil: undefined }),
  clientSecret: secretRef,
  m2mClientSecret: fc.option(secretRef, { nil: undefined }),
  admin: fc.option(text, { nil: undefined }),
})
const spec = fc.record({
  root: host,
  provider: fc.constantFrom('cognito', 'keycloak'),
  secretKey: fc.option(secretRef, { nil: undefined }),
  cookieSecure: fc.option(fc.boolean(), { nil: undefined }),
  cookieDomain: fc.option(text, { nil: undefined }),
  cognito,
  keycloak,
}).map((s) => ({
  registry: { externalUrl: `https://registry.${s.root}` },
  auth: JSON.parse(JSON.stringify({
    provider: s.provider,
    secretKey: s.secretKey,
    nginxMarkerSecret: s.secretKey ? { env: 'MARKER' } : undefined,
    session: { cookieSecure: s.cookieSecure, cookieDomain: s.cookieDomain },
    [s.provider]: s.provider === 'cognito' ? s.cognito : s.keycloak,
  })),
}))

function contextFor(params: CanonicalParams, writeSecrets: boolean): EmitContext {
  const secrets = new Map<ParameterId, string>()
  for (const [id, v] of params) if (isSecretRef(v)) secrets.set(id, `resolved-${id}-'$#`.replace("'", ''))
  return { secrets, writeSecrets, envSecretName: 'auth-server-env', specName: 'spec.yaml' }
}

describe('parse(emit(params)) == carry(params) on every surface', () => {
  for (const target of TARGETS) {
    for (const writeSecrets of target.surface === 'terraform' ? [false, true] : [false]) {
      it(`${target.surface}${writeSecrets ? ' with --write-secrets' : ''}`, async () => {
        await fc.assert(
          fc.asyncProperty(spec, async (s) => {
            const a = analyze('spec.yaml', stringify(s))
            expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
            const ctx = contextFor(a.params!, writeSecrets)
            const emitted = target.emit(a.params!, ctx)
            // no portable .env form (RC4003) and required-on-surface (RC4007) are reported, tested elsewhere
            fc.pre(!emitted.diagnostics.some((d) => d.code === 'RC4003' || d.code === 'RC4007'))
            expect(emitted.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
            const files = Object.fromEntries(emitted.files.map((f) => [f.path, f.content]))
            const back = await target.parse(files)
            expect(back.diagnostics).toEqual([])
            expect(back.unknown).toEqual([])
            const expected = target.carry(a.params!, ctx)
            if (target.surface === 'terraform') for (const [k, v] of expected) if (typeof v === 'string') expected.set(k, v.normalize('NFC'))
            expect([...back.params]).toEqual([...expected])
          }),
          { numRuns: target.surface === 'terraform' ? 60 : 150 },
        )
      })
    }
  }
})
