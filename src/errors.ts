/**
 * regcfg's errors, in jose's style: every class sets `name` to its own name and carries a stable `code`
 * (on the class and on each instance), so a caller tells them apart by code and a log shows the class.
 * One module at the root of src/ because the CLI, the compiler's callers, the runtime, doctor and the linter
 * all throw them: under runtime/ it would make the CLI and doctor import the auth-server to name an error.
 * Messages never hold secrets or tokens.
 */

/** Each built command bundles its own copy of these classes: `instanceof` goes by this brand (the class's code). */
const BRAND = Symbol.for('regcfg.error')

export class RegcfgError extends Error {
  static readonly code: string = 'ERR_REGCFG'
  readonly code: string
  readonly [BRAND]: string
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    const cls = new.target as typeof RegcfgError
    this.name = cls.className
    this.code = cls.code
    this[BRAND] = cls.code
  }
  /** The class's name as logs show it (set explicitly: a bundler may rename a class). */
  static readonly className: string = 'RegcfgError'

  static override [Symbol.hasInstance](e: unknown): boolean {
    if (typeof e !== 'object' || e === null) return false
    const brand = (e as { [BRAND]?: unknown })[BRAND]
    return typeof brand === 'string' && (this === RegcfgError || brand === this.code)
  }
}

/** A mistake on the command line or in a file it names: printed with the usage, exit 2 unless said. */
export class UserError extends RegcfgError {
  static override readonly code = 'ERR_USAGE'
  static override readonly className = 'UserError'
  constructor(message: string, readonly exitCode = 2) {
    super(message)
  }
}

/** The auth-server's configuration (container environment or a surface file) is invalid: every problem found. */
export class ConfigError extends RegcfgError {
  static override readonly code = 'ERR_CONFIG_INVALID'
  static override readonly className = 'ConfigError'
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** doctor cannot check anything (no credentials, endpoint unreachable). */
export class DoctorIoError extends RegcfgError {
  static override readonly code = 'ERR_DOCTOR_IO'
  static override readonly className = 'DoctorIoError'
}

/** Keycloak's admin REST API refused or failed a call doctor made. */
export class KeycloakAdminError extends RegcfgError {
  static override readonly code = 'ERR_KEYCLOAK_ADMIN'
  static override readonly className = 'KeycloakAdminError'
}

/** The linter cannot collect what it was asked to lint (a path or a baseline it cannot read). */
export class CollectError extends RegcfgError {
  static override readonly code = 'ERR_LINT_COLLECT'
  static override readonly className = 'CollectError'
}

/** What the auth-server answers a request it refuses or cannot serve; the code is the JSON body's `error`. */
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
  | 'INTERNAL'

/**
 * A refusal of the auth-server: an HTTP status, a stable code from the closed union above (the reply's `error`),
 * and `expose` saying whether the message may be shown to the client (4xx, and 501-503 naming what failed).
 */
export class AuthError extends RegcfgError {
  static override readonly code = 'ERR_AUTH'
  static override readonly className = 'AuthError'
  declare readonly code: AuthErrorCode
  readonly expose: boolean
  constructor(code: AuthErrorCode, readonly status: number, message: string) {
    super(message)
    ;(this as { code: string }).code = code
    this.expose = status < 500 || status === 503 || status === 501 || status === 502
  }
}

/** Every internal failure of a request: one class, one 500, one body. */
export const internalError = (): AuthError => new AuthError('INTERNAL', 500, 'internal error')

export const isAuthError = (e: unknown): e is AuthError => e instanceof AuthError

export const tokenInvalid = (why: string): AuthError => new AuthError('TOKEN_INVALID', 401, `token rejected: ${why}`)

/** An error as a log names it: its class and, when it has one, its code (never a message: it may hold data). */
export function errorClass(e: unknown): string {
  if (!(e instanceof Error)) return typeof e
  const code = (e as { code?: unknown }).code
  return typeof code === 'string' && code !== e.name ? `${e.name} ${code}` : e.name
}
