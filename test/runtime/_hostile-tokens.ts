/**
 * The hostile-token table: one list of Bearer tokens, good and bad, run through /validate
 * (tokens.test.ts, against the mock IdP's key) and through jws-rs256.ts with jose's jwtVerify as the oracle
 * (jws-rs256.test.ts). Each token is built from a signer: the key the verifier trusts (its kid and an RS256
 * signature of any bytes) and claims its provider accepts.
 */
import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { exportJWK, type JWK, type JWTPayload } from 'jose'

export interface TrustedSigner {
  kid: string
  issuer: string
  /** Claims the provider accepts, besides iss, iat and exp. */
  claims: JWTPayload
  signRs256(data: Uint8Array): Buffer
  /** The trusted public key as PEM (for HS256 keyed with it). */
  publicPem: string
}

export interface HostileToken {
  name: string
  token: string
  accepted: boolean
  /** The audience the verifier is asked for (ID tokens); /validate asks for none with a Bearer token. */
  audience?: string
}

/** Keys the verifier must refuse whatever they sign: the jws-rs256 test publishes them (kids `weak`, `ec`). */
const weak = generateKeyPairSync('rsa', { modulusLength: 1024 })
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const other = generateKeyPairSync('rsa', { modulusLength: 2048 })

export async function refusedKeys(): Promise<JWK[]> {
  return [
    { ...(await exportJWK(weak.publicKey)), kid: 'weak', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec', use: 'sig' },
  ]
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url')
type How = 'rs256' | 'rs384' | 'ps256' | 'es256' | 'weak' | 'hs256-pem' | 'none'

export function hostileTokens(s: TrustedSigner, now = Math.floor(Date.now() / 1000)): HostileToken[] {
  /** A compact JWS over exactly these header and payload texts. */
  const jws = (header: object | string, payload: object | string | Buffer, how: How = 'rs256'): string => {
    const input = `${b64(typeof header === 'string' ? header : JSON.stringify(header))}.${b64(typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload))}`
    const data = Buffer.from(input)
    const by = (k: KeyObject, alg = 'sha256', o: object = {}) => sign(alg, data, { key: k, ...o })
    const sig =
      how === 'rs256' ? s.signRs256(data)
      : how === 'rs384' ? by(other.privateKey, 'sha384')
      : how === 'ps256' ? by(other.privateKey, 'sha256', { padding: 6, saltLength: 32 })
      : how === 'es256' ? by(ec.privateKey, 'sha256', { dsaEncoding: 'ieee-p1363' })
      : how === 'weak' ? by(weak.privateKey)
      : how === 'hs256-pem' ? createHmac('sha256', s.publicPem).update(data).digest()
      : Buffer.alloc(0)
    return `${input}.${b64(sig)}`
  }
  const H = { alg: 'RS256', kid: s.kid, typ: 'JWT' }
  const P = { ...s.claims, iss: s.issuer, sub: 'u1', iat: now, exp: now + 600 }
  const good = jws(H, P)
  const [gh, gp, gs] = good.split('.') as [string, string, string]
  const table: [string, string, boolean, string?][] = [
    ['a good token', good, true],
    ['nbf in the past', jws(H, { ...P, nbf: now - 10 }), true],
    ['nbf within the tolerance', jws(H, { ...P, nbf: now + 20 }), true],
    ['nbf in the future', jws(H, { ...P, nbf: now + 120 }), false],
    ['nbf not a number', jws(H, { ...P, nbf: 'soon' }), false],
    ['exp just past, within the tolerance', jws(H, { ...P, exp: now - 10 }), true],
    ['expired', jws(H, { ...P, exp: now - 60 }), false],
    ['expired an hour ago', jws(H, { ...P, exp: now - 3600, iat: now - 7200 }), false],
    ['no exp', jws(H, { ...P, exp: undefined }), false],
    ['exp a string', jws(H, { ...P, exp: String(now + 600) }), false],
    ['no iat', jws(H, { ...P, iat: undefined }), false],
    ['iat a string', jws(H, { ...P, iat: 'now' }), false],
    ['iat in the future (jose does not check it without maxTokenAge)', jws(H, { ...P, iat: now + 3600 }), true],
    ['another issuer', jws(H, { ...P, iss: 'https://evil.example.com' }), false],
    ['no issuer', jws(H, { ...P, iss: undefined }), false],
    ['issuer as a list', jws(H, { ...P, iss: [s.issuer] }), false],
    ['aud asked and equal', jws(H, { ...P, aud: 'web' }), true, 'web'],
    ['aud asked and in a list', jws(H, { ...P, aud: ['x', 'web'] }), true, 'web'],
    ['aud asked and another', jws(H, { ...P, aud: 'account' }), false, 'web'],
    ['aud asked and absent', good, false, 'web'],
    ['alg none', jws({ alg: 'none', typ: 'JWT' }, P, 'none'), false],
    ['HS256 keyed with the public key', jws({ alg: 'HS256', kid: s.kid }, P, 'hs256-pem'), false],
    ['RS384', jws({ ...H, alg: 'RS384' }, P, 'rs384'), false],
    ['PS256', jws({ ...H, alg: 'PS256' }, P, 'ps256'), false],
    ['ES256 with an EC key', jws({ alg: 'ES256', kid: 'ec' }, P, 'es256'), false],
    ['RS256 with a 1024-bit key', jws({ ...H, kid: 'weak' }, P, 'weak'), false],
    ['an unknown kid', jws({ ...H, kid: 'nobody' }, P), false],
    ['no alg', jws({ kid: s.kid, typ: 'JWT' }, P), false],
    ['a crit header', jws({ ...H, crit: ['exp'], exp: 1 }, P), false],
    ['a malformed crit header', jws({ ...H, crit: [] }, P), false],
    ['a payload that is a list', jws(H, '[1,2]'), false],
    ['a payload that is not UTF-8', jws(H, Buffer.concat([Buffer.from(JSON.stringify(P).slice(0, -1)), Buffer.from(',"x":"\xff\xfe"}', 'latin1')])), false],
    ['a payload that is not JSON', jws(H, '{"iss":'), false],
    ['a header that is not JSON', jws('{"alg":"RS256"', P), false],
    ['a header that is a list', jws('["RS256"]', P), false],
    ['a tampered payload', `${gh}.${b64(JSON.stringify({ ...P, groups: ['registry-admins'], 'cognito:groups': ['registry-admins'] }))}.${gs}`, false],
    ['a tampered signature', good.slice(0, -6) + (good.slice(-6, -5) === 'A' ? 'B' : 'A') + good.slice(-5), false],
    ['another signature in its place', `${gh}.${gp}.${jws(H, { ...P, sub: 'u2' }).split('.')[2]}`, false],
    ['four parts', good + '.x', false],
    ['two parts', `${gh}.${gp}`, false],
    ['an empty signature', `${gh}.${gp}.`, false],
    ['padded base64', `${gh}=.${gp}.${gs}`, false],
    ['not a JWT', 'abc.def.ghi', false],
  ]
  return table.map(([name, token, accepted, audience]) => ({ name, token, accepted, ...(audience ? { audience } : {}) }))
}
