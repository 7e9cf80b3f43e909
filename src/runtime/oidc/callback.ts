/**
 * The callback's pure checks, in oauth4webapi's fixed order (validateAuthResponse): duplicate
 * parameters → iss (RFC 9207, when present) → state → error → code. One guard per step.
 */
import { AuthError } from '../../errors.js'

const invalid = (why: string): never => {
  throw new AuthError('CALLBACK_INVALID', 400, `login callback rejected: ${why}`)
}

/** The authorization code, when every check passes. */
export function validateAuthResponse(params: URLSearchParams, expectedState: string, acceptedIssuers: readonly string[]): string {
  for (const k of new Set(params.keys())) if (params.getAll(k).length > 1) invalid(`parameter "${k}" appears more than once`)
  const iss = params.get('iss')
  if (iss !== null && !acceptedIssuers.includes(iss)) invalid('unexpected "iss"')
  const state = params.get('state')
  if (state === null) invalid('"state" is missing')
  if (state !== expectedState) invalid('"state" does not match this login')
  const error = params.get('error')
  if (error !== null) throw new AuthError('IDP_ERROR', 401, `the identity provider refused the login: ${error.slice(0, 100)}`)
  const code = params.get('code')
  if (!code) invalid('"code" is missing')
  return code!
}
