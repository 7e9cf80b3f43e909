/**
 * RuntimeConfig: everything `regcfg serve` needs, read from the environment a container gets
 * (the `.env` names of the parameter map) and validated at start. Every problem is reported at
 * once; the CLI exits 2 when there is any.
 */
import { isBaseUrl } from '../compiler/derive.js'
import { ConfigError } from '../errors.js'
import { list, readParams, str, type EnvLike, type ParamReader } from './params.js'
import { PROVIDERS } from './providers/index.js'
import { ALLOWLIST_ENTRY } from './session-groups.js'
import type { CognitoConfig } from './providers/cognito.js'
import type { KeycloakConfig } from './providers/keycloak.js'
import type { EntraConfig } from './providers/entra.js'
import type { OktaConfig } from './providers/okta.js'
import type { Auth0Config } from './providers/auth0.js'
import type { PingFederateConfig } from './providers/pingfederate.js'

export interface StorageConfig {
  backend: 'documentdb' | 'mongodb-ce'
  connectionString?: string
  host?: string
  port: number
  username?: string
  password?: string
  database: string
  namespace: string
  useTls: boolean
  tlsCaFile?: string
}

export interface RuntimeConfig {
  provider: string
  registryUrl: string
  /** AUTH_SERVER_EXTERNAL_URL: the callback is <externalUrl>/oauth2/callback/<provider>. */
  externalUrl: string
  secretKey: string
  cookie: { secure: boolean; domain?: string; maxAgeSeconds: number }
  redirectAllowlist: string[]
  ideClientId?: string
  /** AUTH_SERVER_NGINX_MARKER_SECRET: X-Internal-Token is minted only for a /validate that carries it. */
  nginxMarkerSecret?: string
  groupFilterPrefix?: string
  /** ALLOWED_IDP_GROUPS: the groups a login keeps (empty: the scope-mapped ones; session-groups.ts). */
  allowedGroups: string[]
  cognito?: CognitoConfig
  keycloak?: KeycloakConfig
  entra?: EntraConfig
  okta?: OktaConfig
  auth0?: Auth0Config
  pingfederate?: PingFederateConfig
  /** Absent: no storage configured (serve the spec's mappings from memory). */
  storage?: StorageConfig
}

const SESSION_MAX_AGE = 8 * 3600
const PLACEHOLDER = /change[-_ ]?me|change[-_ ]?this|your[-_ ]secret|placeholder|<.*>/i

function baseUrl(r: ParamReader, id: string, v: string | undefined): string | undefined {
  if (v !== undefined && !isBaseUrl(v)) r.problems.push(`${r.nameOf(id)}="${v}" must be an absolute http(s) URL without a trailing slash`)
  return v
}

function allowedGroups(r: ParamReader): string[] {
  const groups = list(r.get('auth.groups.allowlist'))
  for (const g of groups) if (!ALLOWLIST_ENTRY.test(g)) r.problems.push(`${r.nameOf('auth.groups.allowlist')} entry "${g}" may hold only letters, digits, '-', '_' and spaces (the registry's auth-server refuses to start on it too)`)
  return groups
}

function secretKey(r: ParamReader): string {
  const key = str(r.need('auth.secretKey')) ?? ''
  if (key !== '' && key.length < 32) r.problems.push(`${r.nameOf('auth.secretKey')} must be at least 32 characters (it has ${key.length})`)
  else if (PLACEHOLDER.test(key)) r.problems.push(`${r.nameOf('auth.secretKey')} looks like a placeholder; generate one, e.g. openssl rand -hex 32`)
  return key
}

function provider(r: ParamReader): string {
  const p = str(r.need('auth.provider')) ?? ''
  if (p !== '' && !PROVIDERS[p]) r.problems.push(`${r.nameOf('auth.provider')}=${p} is not served by regcfg yet (supported: ${Object.keys(PROVIDERS).join(', ')})`)
  return p
}

function storage(r: ParamReader): StorageConfig | undefined {
  const backend = str(r.get('storage.backend'))
  const connectionString = str(r.get('storage.connectionString'))
  const host = str(r.get('storage.host'))
  if (!backend && !connectionString && !host) return undefined
  if (!connectionString && !host) r.problems.push(`${r.nameOf('storage.backend')} is set but neither ${r.nameOf('storage.host')} nor ${r.nameOf('storage.connectionString')} is`)
  if (connectionString && !/^mongodb(\+srv)?:\/\//.test(connectionString)) r.problems.push(`${r.nameOf('storage.connectionString')} must start with mongodb:// or mongodb+srv://`)
  const opt = <T>(k: string, v: T | undefined) => (v === undefined ? {} : { [k]: v })
  return {
    backend: (backend ?? 'mongodb-ce') as StorageConfig['backend'],
    ...opt('connectionString', connectionString),
    ...opt('host', host),
    port: Number(r.get('storage.port') ?? 27017),
    ...opt('username', str(r.get('storage.username'))),
    ...opt('password', str(r.get('storage.password'))),
    database: str(r.get('storage.database')) ?? 'mcp_registry',
    namespace: str(r.get('storage.namespace')) ?? 'default',
    useTls: r.get('storage.useTls') === true,
    ...opt('tlsCaFile', str(r.get('storage.tlsCaFile'))),
  }
}

/** Container environment → RuntimeConfig, or a ConfigError listing every problem. */
export function loadRuntimeConfig(env: EnvLike): RuntimeConfig {
  const { cfg, r } = readConfig(env)
  if (r.problems.length > 0) throw new ConfigError(r.problems)
  return cfg
}

/**
 * The container variables regcfg's auth-server reads from this environment (set or not; which ones
 * depends on the environment, e.g. the provider's): what "model = render" compares.
 */
export function runtimeReads(env: EnvLike): string[] {
  return [...readConfig(env).r.asked].sort()
}

function readConfig(env: EnvLike): { cfg: RuntimeConfig; r: ParamReader } {
  const r = readParams(env)
  const id = provider(r)
  const registryUrl = baseUrl(r, 'registry.externalUrl', str(r.need('registry.externalUrl'))) ?? ''
  const externalUrl = baseUrl(r, 'auth.serverExternalUrl', str(r.get('auth.serverExternalUrl'))) ?? registryUrl
  const cfg: RuntimeConfig = {
    provider: id,
    registryUrl,
    externalUrl,
    secretKey: secretKey(r),
    cookie: { secure: r.get('auth.session.cookieSecure') !== false, ...optional('domain', str(r.get('auth.session.cookieDomain'))), maxAgeSeconds: SESSION_MAX_AGE },
    redirectAllowlist: list(r.get('auth.redirectAllowlist')),
    ...optional('ideClientId', str(r.get('auth.ide.clientId'))),
    ...optional('nginxMarkerSecret', str(r.get('auth.nginxMarkerSecret'))),
    ...optional('groupFilterPrefix', str(r.get('auth.groups.filterPrefix'))),
    allowedGroups: allowedGroups(r),
    ...optional('storage', storage(r)),
  }
  const row = PROVIDERS[id]
  if (row) Object.assign(cfg, { [id]: row.read(r) })
  return { cfg, r }
}

/** Only the storage parameters (for `regcfg db seed`, which needs nothing else). */
export function loadStorageConfig(env: EnvLike): StorageConfig | undefined {
  const r = readParams(env)
  const s = storage(r)
  if (r.problems.length > 0) throw new ConfigError(r.problems)
  return s
}

function optional<K extends string, V>(k: K, v: V | undefined): Partial<Record<K, V>> {
  return v === undefined ? {} : ({ [k]: v } as Record<K, V>)
}

/** The provider row and its configuration section (config validated, so both exist). */
export function activeProvider(cfg: RuntimeConfig) {
  const row = PROVIDERS[cfg.provider]!
  return { row, section: (cfg as unknown as Record<string, unknown>)[cfg.provider] }
}
