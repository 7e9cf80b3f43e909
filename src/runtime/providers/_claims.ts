import type { JWTPayload } from 'jose'
import { tokenInvalid } from '../../errors.js'
import type { Identity } from './types.js'

export const strClaim = (c: JWTPayload, k: string): string | undefined => (typeof c[k] === 'string' && c[k] !== '' ? (c[k] as string) : undefined)

/** A groups claim as a list of strings; anything else counts as no groups. */
export function groupsClaim(c: JWTPayload, k: string): string[] {
  const v = c[k]
  if (Array.isArray(v)) return v.filter((g): g is string => typeof g === 'string')
  return typeof v === 'string' && v !== '' ? [v] : []
}

export const scopeClaim = (c: JWTPayload): string[] => (strClaim(c, 'scope') ?? '').split(' ').filter(Boolean)

export const audiences = (c: JWTPayload): string[] => (Array.isArray(c.aud) ? c.aud : c.aud ? [c.aud] : [])

/** Fails closed unless one of the token's audiences is allowed (an empty string never is). */
export function requireAudience(c: JWTPayload, allowed: readonly (string | undefined)[]): void {
  const ok = new Set(allowed.filter((a): a is string => typeof a === 'string' && a !== ''))
  if (!audiences(c).some((a) => ok.has(a))) throw tokenInvalid('audience is not this registry')
}

/**
 * The claim readers of a row whose ID token and Bearer token read alike (Okta, Auth0, PingFederate): the
 * ID token's client is its `aud` (else the web client); a Bearer token must carry one of `bearerAudiences`
 * and falls back to the web client.
 */
export function oidcClaimReaders<C extends { clientId: string }>(
  /** `from`: the login's ID token, or a Bearer token (a row may read its user name differently). */
  identity: (claims: JWTPayload, c: C, fallbackClientId: string, from: 'id' | 'bearer') => Identity,
  bearerAudiences: (c: C) => readonly (string | undefined)[],
): { fromIdToken(claims: JWTPayload, c: C): Identity; fromBearer(claims: JWTPayload, c: C): Identity } {
  return {
    fromIdToken: (claims, c) => identity(claims, c, typeof claims.aud === 'string' ? claims.aud : c.clientId, 'id'),
    fromBearer(claims, c) {
      requireAudience(claims, bearerAudiences(c))
      return identity(claims, c, c.clientId, 'bearer')
    },
  }
}
