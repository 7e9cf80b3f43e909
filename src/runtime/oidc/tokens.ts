/**
 * Token verification: RS256 only (so `none` and HS256-with-the-public-key fail), checked on this thread
 * (jws-rs256.ts) with the key from jose's remote JWKS: fetched with an explicit timeout, a cooldown
 * between refetches for unknown `kid`s (rate limit) and a cache age.
 */
import { createRemoteJWKSet, customFetch, type JWTPayload, type JWTVerifyGetKey } from 'jose'
import { tokenInvalid } from '../../errors.js'
import { verifyRs256 } from './jws-rs256.js'

export interface JwksOptions {
  timeoutMs: number
  cooldownMs: number
  cacheMaxAgeMs: number
  /** How the JWKS is fetched (default: the platform's fetch). */
  fetch?: typeof fetch
}

export const DEFAULT_JWKS: JwksOptions = { timeoutMs: 5_000, cooldownMs: 30_000, cacheMaxAgeMs: 3_600_000 }

export interface Verifier {
  verify(token: string, opts: { audience?: string; nonce?: string }): Promise<JWTPayload>
}

export function createVerifier(jwksUri: string, issuers: string[], o: JwksOptions): Verifier {
  const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: o.timeoutMs, cooldownDuration: o.cooldownMs, cacheMaxAge: o.cacheMaxAgeMs, ...(o.fetch ? { [customFetch]: o.fetch } : {}) })
  return {
    async verify(token, opts) {
      let payload: JWTPayload
      try {
        payload = await verifyRs256(token, jwks, { issuers, clockToleranceS: 30, ...(opts.audience ? { audience: opts.audience } : {}) })
      } catch (e) {
        throw tokenInvalid(joseReason(e))
      }
      if (opts.nonce !== undefined && payload.nonce !== opts.nonce) throw tokenInvalid('nonce does not match this login')
      return payload
    },
  }
}

/** jose's error code as a short reason; never the token. */
function joseReason(e: unknown): string {
  const code = (e as { code?: string }).code
  const claim = (e as { claim?: string }).claim
  return code ? `${code}${claim ? ` (${claim})` : ''}` : 'unverifiable'
}
