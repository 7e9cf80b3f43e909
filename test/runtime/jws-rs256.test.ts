// Our RS256 verifier against jose's jwtVerify (the oracle) with the options the auth-server used to
// give jose: the same verdict on every token, and the same payload when both accept.
import fc from 'fast-check'
import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { createLocalJWKSet, exportJWK, jwtVerify, type JWK } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { verifyRs256 } from '../../src/runtime/oidc/jws-rs256.js'

const ISS = 'https://idp.example.com/pool'
const NOW = Math.floor(Date.now() / 1000)
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url')

let rsa: { privateKey: KeyObject; publicKey: KeyObject }
let weak: { privateKey: KeyObject; publicKey: KeyObject }
let ec: { privateKey: KeyObject; publicKey: KeyObject }
let getKey: ReturnType<typeof createLocalJWKSet>
let publicPem: string

/** A compact JWS over exactly these header and payload texts. */
function jws(header: object | string, payload: object | string | Buffer, how: 'rs256' | 'rs384' | 'ps256' | 'es256' | 'weak' | 'hs256-pem' | 'none' = 'rs256'): string {
  const input = `${b64(typeof header === 'string' ? header : JSON.stringify(header))}.${b64(typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload))}`
  const data = Buffer.from(input)
  const sig =
    how === 'rs256' ? sign('sha256', data, rsa.privateKey)
    : how === 'rs384' ? sign('sha384', data, rsa.privateKey)
    : how === 'ps256' ? sign('sha256', data, { key: rsa.privateKey, padding: 6, saltLength: 32 })
    : how === 'es256' ? sign('sha256', data, { key: ec.privateKey, dsaEncoding: 'ieee-p1363' })
    : how === 'weak' ? sign('sha256', data, weak.privateKey)
    : how === 'hs256-pem' ? createHmac('sha256', publicPem).update(data).digest()
    : Buffer.alloc(0)
  return `${input}.${b64(sig)}`
}

const H = { alg: 'RS256', kid: 'k1', typ: 'JWT' }
const P = { iss: ISS, sub: 'u1', iat: NOW, exp: NOW + 600, 'cognito:groups': ['a'] }

async function verdicts(token: string, audience?: string) {
  const opts = { issuers: [ISS], clockToleranceS: 30, ...(audience ? { audience } : {}) }
  const ours = await verifyRs256(token, getKey, opts).then((p) => ({ ok: true as const, p }), () => ({ ok: false as const }))
  const jose = await jwtVerify(token, getKey, { issuer: [ISS], algorithms: ['RS256'], clockTolerance: 30, requiredClaims: ['exp', 'iat'], ...(audience ? { audience } : {}) }).then(({ payload }) => ({ ok: true as const, p: payload }), () => ({ ok: false as const }))
  return { ours, jose }
}

describe('RS256 verification on this thread agrees with jose', () => {
  beforeAll(async () => {
    rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    weak = generateKeyPairSync('rsa', { modulusLength: 1024 })
    ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString()
    const keys: JWK[] = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'k1', use: 'sig' },
      { ...(await exportJWK(weak.publicKey)), kid: 'weak', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec', use: 'sig' },
    ]
    getKey = createLocalJWKSet({ keys })
  })

  const cases: [string, () => string, boolean, string?][] = [
    ['a good token', () => jws(H, P), true],
    ['nbf in the past', () => jws(H, { ...P, nbf: NOW - 10 }), true],
    ['nbf within the tolerance', () => jws(H, { ...P, nbf: NOW + 20 }), true],
    ['nbf in the future', () => jws(H, { ...P, nbf: NOW + 120 }), false],
    ['nbf not a number', () => jws(H, { ...P, nbf: 'soon' }), false],
    ['exp just past, within the tolerance', () => jws(H, { ...P, exp: NOW - 10 }), true],
    ['expired', () => jws(H, { ...P, exp: NOW - 60 }), false],
    ['no exp', () => jws(H, { ...P, exp: undefined }), false],
    ['exp a string', () => jws(H, { ...P, exp: String(NOW + 600) }), false],
    ['no iat', () => jws(H, { ...P, iat: undefined }), false],
    ['iat a string', () => jws(H, { ...P, iat: 'now' }), false],
    ['iat in the future (jose does not check it without maxTokenAge)', () => jws(H, { ...P, iat: NOW + 3600 }), true],
    ['another issuer', () => jws(H, { ...P, iss: 'https://evil.example.com' }), false],
    ['no issuer', () => jws(H, { ...P, iss: undefined }), false],
    ['issuer as a list', () => jws(H, { ...P, iss: [ISS] }), false],
    ['aud asked and equal', () => jws(H, { ...P, aud: 'web' }), true, 'web'],
    ['aud asked and in a list', () => jws(H, { ...P, aud: ['x', 'web'] }), true, 'web'],
    ['aud asked and another', () => jws(H, { ...P, aud: 'account' }), false, 'web'],
    ['aud asked and absent', () => jws(H, P), false, 'web'],
    ['alg none', () => jws({ alg: 'none' }, P, 'none'), false],
    ['HS256 keyed with the public key', () => jws({ alg: 'HS256', kid: 'k1' }, P, 'hs256-pem'), false],
    ['RS384', () => jws({ ...H, alg: 'RS384' }, P, 'rs384'), false],
    ['PS256', () => jws({ ...H, alg: 'PS256' }, P, 'ps256'), false],
    ['ES256 with an EC key', () => jws({ alg: 'ES256', kid: 'ec' }, P, 'es256'), false],
    ['RS256 with a 1024-bit key', () => jws({ ...H, kid: 'weak' }, P, 'weak'), false],
    ['an unknown kid', () => jws({ ...H, kid: 'nobody' }, P), false],
    ['a crit header', () => jws({ ...H, crit: ['exp'], exp: 1 }, P), false],
    ['a payload that is a list', () => jws(H, '[1,2]'), false],
    ['a payload that is not UTF-8', () => jws(H, Buffer.concat([Buffer.from(JSON.stringify(P).slice(0, -1)), Buffer.from(',"x":"\xff\xfe"}', 'latin1')])), false],
    ['a payload that is not JSON', () => jws(H, '{"iss":'), false],
    ['a header that is not JSON', () => jws('{"alg":"RS256"', P), false],
    ['a tampered payload', () => { const [h, , s] = jws(H, P).split('.'); return `${h}.${b64(JSON.stringify({ ...P, 'cognito:groups': ['registry-admins'] }))}.${s}` }, false],
    ['a tampered signature', () => { const t = jws(H, P); return t.slice(0, -6) + (t.slice(-6, -5) === 'A' ? 'B' : 'A') + t.slice(-5) }, false],
    ['another signature in its place', () => { const [h, p] = jws(H, P).split('.'); return `${h}.${p}.${jws(H, { ...P, sub: 'u2' }).split('.')[2]}` }, false],
    ['four parts', () => jws(H, P) + '.x', false],
    ['two parts', () => jws(H, P).split('.').slice(0, 2).join('.'), false],
    ['an empty signature', () => jws(H, P).split('.').slice(0, 2).join('.') + '.', false],
    ['padded base64', () => { const [h, p, s] = jws(H, P).split('.'); return `${h}=.${p}.${s}` }, false],
  ]
  for (const [name, make, accepted, audience] of cases) {
    it(`${accepted ? 'accepts' : 'refuses'} ${name}, as jose does`, async () => {
      const { ours, jose } = await verdicts(make(), audience)
      expect(jose.ok, 'the oracle').toBe(accepted)
      expect(ours).toEqual(jose)
    })
  }

  it('agrees on tokens with one character changed anywhere', async () => {
    const good = jws(H, P)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ '
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: good.length - 1 }), fc.constantFrom(...alphabet), async (i, c) => {
        const token = good.slice(0, i) + c + good.slice(i + 1)
        const { ours, jose } = await verdicts(token)
        expect(ours.ok).toBe(jose.ok)
      }),
      { numRuns: 400 },
    )
  })
})
