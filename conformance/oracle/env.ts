/**
 * The container environment of a surface, with the harness's two substitutions made in the
 * registry's own terms, the same ones regcfg's server gets (surfaces.ts `start`, providers.ts):
 *   storage  one Mongo, the run's database, the surface's namespace (STORAGE_BACKEND=mongodb-ce and
 *            MONGODB_CONNECTION_STRING, which the registry uses verbatim: registry/utils/mongodb_connection.py)
 *   the IdP  the provider's URL variables pointed at the mock IdP, where the provider's URLs are
 *            settings (Keycloak, PingFederate); providers whose hosts are fixed in the registry's code or
 *            its oauth2_providers.yml (Cognito, Entra, Okta, Auth0) reach the mock under those names
 *            instead (harness/named-idp.ts), so their variables stay as the surface rendered them.
 */
import type { MockUrls } from '../providers.js'

export interface OracleStorage {
  mongoUri: string
  database: string
  namespace: string
}

/** How the oracle reaches a provider's mock when its URLs are settings: those variables rewritten. */
export interface SettingsRoute {
  env: (env: Record<string, string>, mock: MockUrls) => Record<string, string>
  note: string
}

export const IDP_ROUTES: Readonly<Record<string, SettingsRoute>> = {
  keycloak: {
    env: (_env, mock) => ({ KEYCLOAK_URL: mock.baseUrl, KEYCLOAK_EXTERNAL_URL: mock.baseUrl }),
    note: 'KEYCLOAK_URL and KEYCLOAK_EXTERNAL_URL → <idp>',
  },
  pingfederate: {
    env: (_env, mock) => ({ PINGFEDERATE_EXTERNAL_URL: mock.baseUrl, PINGFEDERATE_BASE_URL: mock.internalUrl ?? mock.baseUrl }),
    note: 'PINGFEDERATE_EXTERNAL_URL → <idp>, PINGFEDERATE_BASE_URL → <idp internal listener>',
  },
}

/** The storage variables a container of every surface gets here (the rendered DOCUMENTDB_* host is replaced). */
export function storageEnv(s: OracleStorage): Record<string, string> {
  return {
    STORAGE_BACKEND: 'mongodb-ce',
    MONGODB_CONNECTION_STRING: s.mongoUri,
    DOCUMENTDB_DATABASE: s.database,
    DOCUMENTDB_NAMESPACE: s.namespace,
    DOCUMENTDB_USE_TLS: 'false',
  }
}

/** The surface's environment with storage and (where the URLs are settings) the IdP substituted. */
export function oracleEnv(provider: string, env: Readonly<Record<string, string>>, storage: OracleStorage, mock: MockUrls): Record<string, string> {
  const route = IDP_ROUTES[provider]
  const out: Record<string, string> = { ...env, ...storageEnv(storage) }
  for (const k of ['DOCUMENTDB_HOST', 'DOCUMENTDB_USERNAME', 'DOCUMENTDB_PASSWORD']) delete out[k]
  return route ? { ...out, ...route.env(out, mock) } : out
}
