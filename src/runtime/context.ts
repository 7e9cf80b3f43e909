import type { RuntimeConfig } from './config.js'
import type { IamFactoryOptions } from './iam/index.js'
import type { Logger } from './log.js'
import type { CachedVerifier } from './oidc/token-cache.js'
import type { ProviderEndpoints, ProviderRow } from './providers/index.js'
import type { ScopeLookup } from './scopes/cache.js'
import type { ScopeSource } from './scopes/types.js'
import type { TimedSerializer } from './session-cookie.js'
import type { SessionStore } from './session-store.js'
import type { SessionSealer } from './sessions.js'

/** Everything a route needs, built once at start. */
export interface AppContext {
  config: RuntimeConfig
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  row: ProviderRow<any>
  section: unknown
  endpoints: ProviderEndpoints
  verifier: CachedVerifier
  sealer: SessionSealer
  /** Session records (the registry's oauth_sessions_<ns>, or memory without storage). */
  sessions: SessionStore
  /** The session cookie's signer: itsdangerous URLSafeTimedSerializer(SECRET_KEY). */
  cookieSigner: TimedSerializer
  scopes: ScopeLookup
  /** The scope documents' source itself, uncached (the login's group filter reads the mapped groups from it). */
  source: ScopeSource
  log: Logger
  iam: IamFactoryOptions
  idpTimeoutMs: number
  /** How the server reaches the identity provider (JWKS, code exchange); absent: the platform's fetch. */
  idpFetch?: typeof fetch
  /** SECRET_KEY's bytes, the HS256 key of the internal tokens (internal-token.ts). */
  internalKey: Uint8Array
}
