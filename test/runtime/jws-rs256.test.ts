// Our RS256 verifier against jose's jwtVerify (the oracle) with the options the auth-server would give jose,
// on the hostile-token table /validate is tested with: the same verdict on every token, the same payload when
// both accept, and the same error (jose's own class, code, claim and message) when both refuse.
import fc from 'fast-check'
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { createLocalJWKSet, errors, exportJWK, jwtVerify } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { verifyRs256 } from '../../src/runtime/oidc/jws-rs256.js'
import { hostileTokens, refusedKeys, type TrustedSigner } from './_hostile-tokens.js'

const ISS = 'https://idp.example.com/pool'
let rsa: { privateKey: KeyObject; publicKey: KeyObject }
let getKey: ReturnType<typeof createLocalJWKSet>
let signer: TrustedSigner

const outcome = (p: Promise<unknown>) =>
  p.then(
    (payload) => ({ ok: true as const, payload }),
    (e: Error & { code?: string; claim?: string }) => ({ ok: false as const, error: { class: e.constructor, name: e.name, code: e.code, claim: e.claim, message: e.message } }),
  )

async function verdicts(token: string, audience?: string) {
  const ours = await outcome(verifyRs256(token, getKey, { issuers: [ISS], clockToleranceS: 30, ...(audience ? { audience } : {}) }))
  const jose = await outcome(jwtVerify(token, getKey, { issuer: [ISS], algorithms: ['RS256'], clockTolerance: 30, requiredClaims: ['exp', 'iat'], ...(audience ? { audience } : {}) }).then((r) => r.payload))
  return { ours, jose }
}

describe('RS256 verification on this thread agrees with jose', () => {
  beforeAll(async () => {
    rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    getKey = createLocalJWKSet({ keys: [{ ...(await exportJWK(rsa.publicKey)), kid: 'k1', use: 'sig' }, ...(await refusedKeys())] })
    signer = { kid: 'k1', issuer: ISS, claims: { 'cognito:groups': ['a'] }, signRs256: (d) => sign('sha256', d, rsa.privateKey), publicPem: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString() }
  })

  it('on every token of the hostile-token table', async () => {
    for (const t of hostileTokens(signer)) {
      const { ours, jose } = await verdicts(t.token, t.audience)
      expect(jose.ok, `the oracle on ${t.name}`).toBe(t.accepted)
      expect(ours, t.name).toEqual(jose)
      if (!ours.ok) expect(ours.error.class === errors.JOSEError || ours.error.class.prototype instanceof errors.JOSEError || ours.error.class === TypeError, t.name).toBe(true)
    }
  })

  it('on tokens with one character changed anywhere', async () => {
    const good = hostileTokens(signer)[0]!.token
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ '
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: good.length - 1 }), fc.constantFrom(...alphabet), async (i, c) => {
        const { ours, jose } = await verdicts(good.slice(0, i) + c + good.slice(i + 1))
        expect(ours).toEqual(jose)
      }),
      { numRuns: 400 },
    )
  })
})
