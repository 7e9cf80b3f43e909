import { list, str, type ParamReader } from '../params.js'
import { baseUrlOf, withDefault } from './_config.js'
import { groupsClaim, oidcClaimReaders, requireAudience, scopeClaim, strClaim } from './_claims.js'
import type { Identity, ProviderRow } from './types.js'

export interface PingFederateConfig {
  /** PINGFEDERATE_BASE_URL: server-to-server (token, userinfo, JWKS). */
  baseUrl: string
  /** PINGFEDERATE_EXTERNAL_URL: what the browser is sent to (authorize, logout), and the issuer. */
  externalUrl: string
  clientId: string
  clientSecret: string
  /** PINGFEDERATE_M2M_CLIENT_ID; defaults to the web client. */
  m2mClientId: string
  /** PINGFEDERATE_APPLICATION_ID_URI: the resource id access tokens carry as `aud`. */
  applicationIdUri?: string
  /** PINGFEDERATE_GROUPS_CLAIM (default groups). */
  groupsClaim: string
  /** PINGFEDERATE_M2M_ALLOWED_AUDIENCES; empty = no API audience beyond the above (fail closed). */
  m2mAllowedAudiences: string[]
}

function read(r: ParamReader): PingFederateConfig | undefined {
  const baseUrl = baseUrlOf(r, 'auth.pingfederate.baseUrl', str(r.need('auth.pingfederate.baseUrl', 'when AUTH_PROVIDER=pingfederate')))
  const externalUrl = baseUrlOf(r, 'auth.pingfederate.externalUrl', str(r.need('auth.pingfederate.externalUrl', 'when AUTH_PROVIDER=pingfederate (the issuer and the browser URL)')))
  const clientId = str(r.need('auth.pingfederate.clientId', 'when AUTH_PROVIDER=pingfederate'))
  const clientSecret = str(r.need('auth.pingfederate.clientSecret', 'when AUTH_PROVIDER=pingfederate'))
  if (!baseUrl || !externalUrl || !clientId || !clientSecret) return undefined
  const applicationIdUri = str(r.get('auth.pingfederate.applicationIdUri'))
  return {
    baseUrl,
    externalUrl,
    clientId,
    clientSecret,
    m2mClientId: str(r.get('auth.pingfederate.m2mClientId')) ?? clientId,
    ...(applicationIdUri ? { applicationIdUri } : {}),
    groupsClaim: withDefault(r, 'auth.pingfederate.groupsClaim'),
    m2mAllowedAudiences: list(r.get('auth.pingfederate.m2mAllowedAudiences')),
  }
}

/**
 * Browser: authorize and logout on the external URL; server-to-server: token, userinfo and JWKS on
 * the base URL. Issuer = the external URL (PingFederate's "Base URL" server setting, which is the
 * public one). Logout is PingFederate's OIDC RP-initiated logout endpoint, not startSLO.ping.
 */
function endpoints(c: PingFederateConfig) {
  return {
    issuers: [c.externalUrl],
    authorize: `${c.externalUrl}/as/authorization.oauth2`,
    token: `${c.baseUrl}/as/token.oauth2`,
    userinfo: `${c.baseUrl}/idp/userinfo.openid`,
    jwks: `${c.baseUrl}/pf/JWKS`,
    logout: `${c.externalUrl}/idp/init_logout.openid`,
  }
}

type Claims = Parameters<ProviderRow<PingFederateConfig>['fromIdToken']>[0]

function identity(claims: Claims, c: PingFederateConfig, fallbackClientId: string): Identity {
  const clientId = strClaim(claims, 'client_id') ?? strClaim(claims, 'azp') ?? fallbackClientId
  const username = strClaim(claims, 'preferred_username') ?? strClaim(claims, 'Username') ?? claims.sub ?? clientId
  return { username, email: strClaim(claims, 'email'), clientId, groups: groupsClaim(claims, c.groupsClaim), tokenScopes: scopeClaim(claims) }
}

/**
 * A Bearer token's caller as the registry's PingFederateProvider.validate_token reads it: the subject
 * before preferred_username, the client from client_id, then cid, then the configured client (the login's
 * session keeps preferred_username, oauth2_providers.yml username_claim).
 */
function bearerIdentity(claims: Claims, c: PingFederateConfig): Identity {
  const id = identity(claims, c, c.clientId)
  return { ...id, username: claims.sub ?? strClaim(claims, 'preferred_username') ?? '', clientId: strClaim(claims, 'client_id') ?? strClaim(claims, 'cid') ?? c.clientId }
}

/** Bearer audience ∈ {web client, M2M client, PINGFEDERATE_APPLICATION_ID_URI} ∪ PINGFEDERATE_M2M_ALLOWED_AUDIENCES. */
const audiences = (c: PingFederateConfig) => [c.clientId, c.m2mClientId, c.applicationIdUri, ...c.m2mAllowedAudiences]
const { fromIdToken } = oidcClaimReaders<PingFederateConfig>(identity, audiences)
const claimReaders = {
  fromIdToken,
  fromBearer(claims: Claims, c: PingFederateConfig): Identity {
    requireAudience(claims, audiences(c))
    return bearerIdentity(claims, c)
  },
}

export const pingfederate: ProviderRow<PingFederateConfig> = {
  id: 'pingfederate',
  displayName: 'PingFederate',
  read,
  endpoints,
  clientId: (c) => c.clientId,
  clientSecret: (c) => c.clientSecret,
  scopes: 'openid email profile groups',
  logoutStyle: 'oidc',
  ...claimReaders,
}
