/**
 * Runtime errors: a stable code from a closed union, an HTTP status, and `expose` (status < 500)
 * saying whether the message may be shown to the client. Messages never hold secrets or tokens.
 */
export type AuthErrorCode =
  | 'CONFIG_INVALID'
  | 'UNKNOWN_PROVIDER'
  | 'REDIRECT_NOT_ALLOWED'
  | 'STATE_COOKIE_MISSING'
  | 'CALLBACK_INVALID'
  | 'IDP_ERROR'
  | 'TOKEN_EXCHANGE_FAILED'
  | 'TOKEN_INVALID'
  | 'NOT_AUTHENTICATED'
  | 'NO_SCOPES'
  | 'ACCESS_DENIED'
  | 'BODY_UNINSPECTABLE'
  | 'BODY_UNPARSEABLE'
  | 'STORAGE_UNAVAILABLE'
  | 'NOT_ADMIN'
  | 'IAM_UNSUPPORTED'
  | 'IAM_PERMISSION_MISSING'
  | 'IAM_FAILED'
  | 'NOT_FOUND'

export class AuthError extends Error {
  readonly expose: boolean
  constructor(readonly code: AuthErrorCode, readonly status: number, message: string) {
    super(message)
    this.expose = status < 500 || status === 503 || status === 501 || status === 502
  }
}

export const isAuthError = (e: unknown): e is AuthError => e instanceof AuthError

export const tokenInvalid = (why: string): AuthError => new AuthError('TOKEN_INVALID', 401, `token rejected: ${why}`)
