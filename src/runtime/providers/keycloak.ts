import { keycloakIssuer } from '../../compiler/derive.js'
import { str, type ParamReader } from '../params.js'
import { groupsClaim, requireAudience, scopeClaim, strClaim } from './_claims.js'
import type { Identity, ProviderRow } from './types.js'

export interface KeycloakConfig {
  url: string
  externalUrl: string
  realm: string
  clientId: string
  clientSecret: string
  m2mClientId: string
}

function read(r: ParamReader): KeycloakConfig | undefined {
  const url = str(r.need('auth.keycloak.url', 'when AUTH_PROVIDER=keycloak'))
  const clientSecret = str(r.need('auth.keycloak.clientSecret', 'when AUTH_PROVIDER=keycloak'))
  if (!url || !clientSecret) return undefined
  return {
    url,
    externalUrl: str(r.get('auth.keycloak.externalUrl')) ?? url,
    realm: str(r.get('auth.keycloak.realm')) ?? 'mcp-gateway',
    clientId: str(r.get('auth.keycloak.clientId')) ?? 'mcp-gateway-web',
    clientSecret,
    m2mClientId: str(r.get('auth.keycloak.m2mClientId')) ?? 'mcp-gateway-m2m',
  }
}

/** Token, JWKS and userinfo through the internal URL; the browser goes to the external one. */
function endpoints(c: KeycloakConfig) {
  const internal = keycloakIssuer(c.url, c.realm)
  const external = keycloakIssuer(c.externalUrl, c.realm)
  const oidc = '/protocol/openid-connect'
  return {
    issuers: [...new Set([external, internal])],
    authorize: `${external}${oidc}/auth`,
    token: `${internal}${oidc}/token`,
    userinfo: `${internal}${oidc}/userinfo`,
    jwks: `${internal}${oidc}/certs`,
    logout: `${external}${oidc}/logout`,
  }
}

function identity(claims: Parameters<ProviderRow<KeycloakConfig>['fromIdToken']>[0]): Identity {
  const username = strClaim(claims, 'preferred_username') ?? claims.sub ?? ''
  return { username, email: strClaim(claims, 'email'), clientId: strClaim(claims, 'azp') ?? '', groups: groupsClaim(claims, 'groups'), tokenScopes: scopeClaim(claims) }
}

/** Audience ∈ {web client, M2M client, "mcp-gateway"}; `account` (Keycloak's default) is rejected. */
function fromBearer(claims: Parameters<ProviderRow<KeycloakConfig>['fromIdToken']>[0], c: KeycloakConfig): Identity {
  const allowed = [c.clientId, c.m2mClientId, 'mcp-gateway']
  requireAudience(claims, allowed)
  return identity(claims)
}

export const keycloak: ProviderRow<KeycloakConfig> = {
  id: 'keycloak',
  displayName: 'Keycloak',
  read,
  endpoints,
  clientId: (c) => c.clientId,
  clientSecret: (c) => c.clientSecret,
  scopes: 'openid email profile',
  logoutStyle: 'oidc',
  fromIdToken: identity,
  fromBearer,
}
