// RS256 tokens shaped like Cognito access tokens, signed with node:crypto (no IdP needed), and the JWKS.
import { createPrivateKey, generateKeyPairSync, createSign } from 'node:crypto'

const b64u = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')

export function newSigner() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const kid = 'bench-key-1'
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }
  return {
    jwks: { keys: [jwk] },
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }),
    sign(claims) {
      const input = `${b64u({ alg: 'RS256', typ: 'JWT', kid })}.${b64u(claims)}`
      return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`
    },
  }
}

/** Signs `n` distinct tokens from a PEM key (for worker threads). */
export function signMany(privatePem, n, claimsOf) {
  const key = createPrivateKey(privatePem)
  const out = []
  for (let i = 0; i < n; i++) {
    const input = `${b64u({ alg: 'RS256', typ: 'JWT', kid: 'bench-key-1' })}.${b64u(claimsOf(i))}`
    out.push(`${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`)
  }
  return out
}
