/**
 * One adapter per provider the suite can drive: how the mock IdP is shaped, where the real provider's
 * URLs are substituted by the mock's (the same way for every surface), what a Bearer ID token carries
 * and which logout parameter names the return address. A provider without a row here, or without a
 * row in the runtime's provider table, is skipped with that reason.
 */
import { PROVIDERS } from '../src/runtime/providers/index.js'
import type { RuntimeConfig } from '../src/runtime/config.js'
import type { MockIdpOptions, IdpShape } from './harness/oidc.js'

export interface ProviderAdapter {
  id: string
  shape: IdpShape
  /** Extra mock options from the spec's parameters (pool id, realm). */
  mockOptions(param: (id: string) => unknown): Partial<MockIdpOptions>
  /** The spec parameters of the web client's id and secret. */
  clientParams: { id: string; secret: string; defaultId?: string }
  /**
   * The substitution: the real provider host is replaced by the mock. Returns the config the server
   * runs with and the serve options; both are a function of (config, mock base URL) only, so every
   * surface gets the same substitution.
   */
  substitute(c: RuntimeConfig, mockBase: string): { config: RuntimeConfig; idpBaseUrl?: string; note: string }
  idClaims(groups: string[], clientId: string, username: string): Record<string, unknown>
  logoutReturnParam: string
}

const cognito: ProviderAdapter = {
  id: 'cognito',
  shape: 'cognito',
  mockOptions: (param) => ({ userPoolId: String(param('auth.cognito.userPoolId')) }),
  clientParams: { id: 'auth.cognito.clientId', secret: 'auth.cognito.clientSecret' },
  substitute: (c, base) => ({ config: c, idpBaseUrl: base, note: `Cognito issuer and hosted UI https://…/${c.cognito!.userPoolId} → <mock>/${c.cognito!.userPoolId} (regcfg serve --idp-base-url)` }),
  idClaims: (groups, clientId, username) => ({ sub: `sub-${username}`, 'cognito:username': username, 'cognito:groups': groups, token_use: 'id', aud: clientId }),
  logoutReturnParam: 'logout_uri',
}

const keycloak: ProviderAdapter = {
  id: 'keycloak',
  shape: 'keycloak',
  mockOptions: (param) => ({ realm: String(param('auth.keycloak.realm') ?? 'mcp-gateway') }),
  clientParams: { id: 'auth.keycloak.clientId', secret: 'auth.keycloak.clientSecret', defaultId: 'mcp-gateway-web' },
  substitute: (c, base) => ({
    config: { ...c, keycloak: { ...c.keycloak!, url: base, externalUrl: base } },
    note: `KEYCLOAK_URL and KEYCLOAK_EXTERNAL_URL → <mock> (realm /realms/${c.keycloak!.realm} kept)`,
  }),
  idClaims: (groups, clientId, username) => ({ sub: `sub-${username}`, preferred_username: username, groups, aud: clientId, azp: clientId }),
  logoutReturnParam: 'post_logout_redirect_uri',
}

export const ADAPTERS: Readonly<Record<string, ProviderAdapter>> = { cognito, keycloak }

/** Why a provider cannot run yet, or undefined when it can; checked at run time. */
export function unsupported(provider: string): string | undefined {
  if (!PROVIDERS[provider]) return `the runtime's provider table (src/runtime/providers/index.ts) has no ${provider} row yet`
  if (!ADAPTERS[provider]) return `conformance/providers.ts has no ${provider} adapter yet (mock IdP shape and URL substitution)`
  return undefined
}
