import { list, str, type ParamReader } from '../params.js'
import { clientGroupsOf, domainOf } from './_config.js'
import { groupsClaim, oidcClaimReaders, scopeClaim, strClaim } from './_claims.js'
import type { Identity, ProviderRow } from './types.js'

export interface OktaConfig {
  domain: string
  clientId: string
  clientSecret: string
  /** OKTA_M2M_CLIENT_ID; defaults to the web client. */
  m2mClientId: string
  /** OKTA_AUTH_SERVER_ID: a custom authorization server; absent = the org authorization server. */
  authServerId?: string
  /** OKTA_M2M_ALLOWED_AUDIENCES; empty = only the client ids are accepted audiences (fail closed). */
  m2mAllowedAudiences: string[]
  /** OKTA_M2M_CLIENT_GROUPS: groups of machine tokens (client_credentials) that carry none. */
  m2mClientGroups: Record<string, string[]>
}

function read(r: ParamReader): OktaConfig | undefined {
  const domain = domainOf(r, 'auth.okta.domain', str(r.need('auth.okta.domain', 'when AUTH_PROVIDER=okta')), 'dev-123456.okta.com')
  const clientId = str(r.need('auth.okta.clientId', 'when AUTH_PROVIDER=okta'))
  const clientSecret = str(r.need('auth.okta.clientSecret', 'when AUTH_PROVIDER=okta'))
  const authServerId = str(r.get('auth.okta.authServerId'))
  if (authServerId !== undefined && !/^[A-Za-z0-9_-]+$/.test(authServerId)) r.problems.push(`${r.nameOf('auth.okta.authServerId')}="${authServerId}" must be an authorization server id (letters, digits, - and _), e.g. default or aus1a2b3c`)
  const m2mClientGroups = clientGroupsOf(r, 'auth.okta.m2mClientGroups')
  if (!domain || !clientId || !clientSecret) return undefined
  return {
    domain,
    clientId,
    clientSecret,
    m2mClientId: str(r.get('auth.okta.m2mClientId')) ?? clientId,
    ...(authServerId ? { authServerId } : {}),
    m2mAllowedAudiences: list(r.get('auth.okta.m2mAllowedAudiences')),
    m2mClientGroups,
  }
}

/**
 * Org AS: https://{domain}/oauth2/v1/..., issuer https://{domain}. Custom AS: /oauth2/{id}/v1/...,
 * issuer https://{domain}/oauth2/{id}. The browser login uses the same AS as Bearer validation
 * (upstream's YAML always logs in on the org AS, D11). `idpBaseUrl` (emulators) replaces https://{domain}.
 */
function endpoints(c: OktaConfig, override?: { idpBaseUrl?: string }) {
  const origin = override?.idpBaseUrl ?? `https://${c.domain}`
  const issuer = c.authServerId ? `${origin}/oauth2/${c.authServerId}` : origin
  const v1 = c.authServerId ? `${issuer}/v1` : `${origin}/oauth2/v1`
  return { issuers: [issuer], authorize: `${v1}/authorize`, token: `${v1}/token`, userinfo: `${v1}/userinfo`, jwks: `${v1}/keys`, logout: `${v1}/logout` }
}

type Claims = Parameters<ProviderRow<OktaConfig>['fromIdToken']>[0]

/** A client_credentials token: no user (`uid`) and the subject is the client itself. */
const isMachine = (claims: Claims): boolean => strClaim(claims, 'uid') === undefined && strClaim(claims, 'cid') !== undefined && claims.sub === strClaim(claims, 'cid')

/**
 * The user name as the registry reads it: a login's ID token preferred_username, else email, else sub
 * (auth_server/server.py:5544); a Bearer token's sub, else preferred_username (providers/okta.py:221), which
 * is the same user for Okta (an access token's sub is the user's login, and it carries no preferred_username).
 */
function identity(claims: Claims, c: OktaConfig, fallbackClientId: string, from: 'id' | 'bearer'): Identity {
  const clientId = strClaim(claims, 'cid') ?? strClaim(claims, 'azp') ?? fallbackClientId
  const username = (from === 'id' ? strClaim(claims, 'preferred_username') ?? strClaim(claims, 'email') ?? claims.sub : claims.sub || strClaim(claims, 'preferred_username')) ?? clientId
  let groups = groupsClaim(claims, 'groups')
  if (groups.length === 0 && isMachine(claims)) groups = c.m2mClientGroups[clientId] ?? []
  return { username, email: strClaim(claims, 'email'), clientId, groups, tokenScopes: Array.isArray(claims.scp) ? claims.scp.filter((x): x is string => typeof x === 'string') : scopeClaim(claims) }
}

/** Bearer audience ∈ {web client, M2M client} ∪ OKTA_M2M_ALLOWED_AUDIENCES; an empty allowlist admits no API audience. */
const claimReaders = oidcClaimReaders<OktaConfig>(identity, (c) => [c.clientId, c.m2mClientId, ...c.m2mAllowedAudiences])

export const okta: ProviderRow<OktaConfig> = {
  id: 'okta',
  displayName: 'Okta',
  read,
  endpoints,
  clientId: (c) => c.clientId,
  clientSecret: (c) => c.clientSecret,
  scopes: 'openid email profile groups',
  logoutStyle: 'oidc',
  ...claimReaders,
}
