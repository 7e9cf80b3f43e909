import { str, type ParamReader } from '../params.js'
import { clientGroupsOf, domainOf, withDefault } from './_config.js'
import { groupsClaim, oidcClaimReaders, scopeClaim, strClaim } from './_claims.js'
import type { Identity, ProviderRow } from './types.js'

export interface Auth0Config {
  domain: string
  clientId: string
  clientSecret: string
  /** AUTH0_AUDIENCE: the API identifier machine tokens carry as `aud`. */
  audience?: string
  /** AUTH0_GROUPS_CLAIM (default https://mcp-gateway/groups). */
  groupsClaim: string
  /** AUTH0_M2M_CLIENT_GROUPS: groups of client_credentials tokens that carry none. */
  m2mClientGroups: Record<string, string[]>
}

function read(r: ParamReader): Auth0Config | undefined {
  const domain = domainOf(r, 'auth.auth0.domain', str(r.need('auth.auth0.domain', 'when AUTH_PROVIDER=auth0')), 'your-tenant.us.auth0.com')
  const clientId = str(r.need('auth.auth0.clientId', 'when AUTH_PROVIDER=auth0'))
  const clientSecret = str(r.need('auth.auth0.clientSecret', 'when AUTH_PROVIDER=auth0'))
  const m2mClientGroups = clientGroupsOf(r, 'auth.auth0.m2mClientGroups')
  if (!domain || !clientId || !clientSecret) return undefined
  const audience = str(r.get('auth.auth0.audience'))
  return { domain, clientId, clientSecret, ...(audience ? { audience } : {}), groupsClaim: withDefault(r, 'auth.auth0.groupsClaim'), m2mClientGroups }
}

/** https://{domain}/...; the issuer has Auth0's trailing slash. `idpBaseUrl` (emulators) replaces https://{domain}. */
function endpoints(c: Auth0Config, override?: { idpBaseUrl?: string }) {
  const origin = override?.idpBaseUrl ?? `https://${c.domain}`
  return {
    issuers: [`${origin}/`],
    authorize: `${origin}/authorize`,
    token: `${origin}/oauth/token`,
    userinfo: `${origin}/userinfo`,
    jwks: `${origin}/.well-known/jwks.json`,
    logout: `${origin}/v2/logout`,
  }
}

type Claims = Parameters<ProviderRow<Auth0Config>['fromIdToken']>[0]

const isMachine = (claims: Claims): boolean => strClaim(claims, 'gty') === 'client-credentials' || (claims.sub ?? '').endsWith('@clients')

function identity(claims: Claims, c: Auth0Config, fallbackClientId: string): Identity {
  const clientId = strClaim(claims, 'azp') ?? strClaim(claims, 'client_id') ?? fallbackClientId
  const username = strClaim(claims, 'nickname') ?? strClaim(claims, 'email') ?? claims.sub ?? clientId
  let groups = groupsClaim(claims, c.groupsClaim)
  if (groups.length === 0 && isMachine(claims)) groups = c.m2mClientGroups[clientId] ?? []
  return { username, email: strClaim(claims, 'email'), clientId, groups, tokenScopes: scopeClaim(claims) }
}

/** Bearer audience ∈ {web client, AUTH0_AUDIENCE}; Auth0 access tokens list several audiences (the API and /userinfo). */
const claimReaders = oidcClaimReaders<Auth0Config>(identity, (c) => [c.clientId, c.audience])

export const auth0: ProviderRow<Auth0Config> = {
  id: 'auth0',
  displayName: 'Auth0',
  read,
  endpoints,
  clientId: (c) => c.clientId,
  clientSecret: (c) => c.clientSecret,
  scopes: 'openid email profile',
  logoutStyle: 'auth0',
  ...claimReaders,
}
