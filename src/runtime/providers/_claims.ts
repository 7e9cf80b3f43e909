import type { JWTPayload } from 'jose'
import { tokenInvalid } from '../errors.js'

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
