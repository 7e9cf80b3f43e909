import { cognitoHostedUiBase, cognitoIssuer, cognitoRegionOf, jwksUriOf } from '../../compiler/derive.js'
import { tokenInvalid } from '../../errors.js'
import { list, str, type ParamReader } from '../params.js'
import { audiences, groupsClaim, scopeClaim, strClaim } from './_claims.js'
import type { Identity, ProviderRow } from './types.js'

export interface CognitoConfig {
  userPoolId: string
  clientId: string
  clientSecret: string
  region: string
  domain?: string
  /** COGNITO_M2M_CLIENT_IDS; `*` admits any token without a username. */
  m2mClientIds: string[]
}

function read(r: ParamReader): CognitoConfig | undefined {
  const userPoolId = str(r.need('auth.cognito.userPoolId', 'when AUTH_PROVIDER=cognito'))
  const clientId = str(r.need('auth.cognito.clientId', 'when AUTH_PROVIDER=cognito'))
  const clientSecret = str(r.need('auth.cognito.clientSecret', 'when AUTH_PROVIDER=cognito'))
  if (!userPoolId || !clientId || !clientSecret) return undefined
  const poolRegion = cognitoRegionOf(userPoolId)
  if (!poolRegion) return void r.problems.push(`${r.nameOf('auth.cognito.userPoolId')}="${userPoolId}" is not of the form <region>_<id>`)
  const region = str(r.get('auth.cognito.region')) ?? poolRegion
  if (region !== poolRegion) r.problems.push(`${r.nameOf('auth.cognito.region')}="${region}" disagrees with the User Pool id ${userPoolId} (region ${poolRegion}); every token would fail issuer checks`)
  const domain = str(r.get('auth.cognito.domain'))
  return { userPoolId, clientId, clientSecret, region: poolRegion, ...(domain ? { domain } : {}), m2mClientIds: list(r.get('auth.cognito.m2mClientIds')) }
}

function endpoints(c: CognitoConfig, override?: { idpBaseUrl?: string }) {
  const issuer = override?.idpBaseUrl ? `${override.idpBaseUrl}/${c.userPoolId}` : cognitoIssuer(c.userPoolId, c.region)
  const ui = override?.idpBaseUrl ? issuer : cognitoHostedUiBase(c.userPoolId, c.region, c.domain ?? '')
  return { issuers: [issuer], authorize: `${ui}/oauth2/authorize`, token: `${ui}/oauth2/token`, userinfo: `${ui}/oauth2/userInfo`, jwks: jwksUriOf(issuer), logout: `${ui}/logout` }
}

type Claims = Parameters<ProviderRow<CognitoConfig>['fromIdToken']>[0]

/**
 * A login's user name is the Cognito user name (the registry reads it off the access token: cognito:username,
 * else username); a Bearer token's is its `username` claim, else its subject (providers/cognito.py
 * validate_token), so an ID token sent as a Bearer is known by its sub, as on the registry's server.
 */
const loginName = (claims: Claims): string => strClaim(claims, 'cognito:username') ?? strClaim(claims, 'username') ?? claims.sub ?? ''
const bearerName = (claims: Claims): string => strClaim(claims, 'username') ?? claims.sub ?? ''

function identity(claims: Claims, clientId: string, username: string): Identity {
  return { username, email: strClaim(claims, 'email'), clientId, groups: groupsClaim(claims, 'cognito:groups'), tokenScopes: scopeClaim(claims) }
}

/** Access tokens carry no `aud`: their client_id must be on the allowlist. ID tokens: aud = our client. */
function fromBearer(claims: Claims, c: CognitoConfig, ideClientId?: string): Identity {
  const use = strClaim(claims, 'token_use')
  if (use === 'id') {
    if (!audiences(claims).includes(c.clientId)) throw tokenInvalid('ID token audience is not this client')
    return identity(claims, c.clientId, bearerName(claims))
  }
  if (use !== 'access') throw tokenInvalid('token_use must be access or id')
  const clientId = strClaim(claims, 'client_id') ?? ''
  const named = [c.clientId, ...(ideClientId ? [ideClientId] : []), ...c.m2mClientIds.filter((x) => x !== '*')]
  const wildcard = c.m2mClientIds.includes('*') && strClaim(claims, 'username') === undefined
  if (!named.includes(clientId) && !wildcard) throw tokenInvalid('client_id is not on the allowlist')
  return identity(claims, clientId, bearerName(claims))
}

export const cognito: ProviderRow<CognitoConfig> = {
  id: 'cognito',
  displayName: 'AWS Cognito',
  read,
  endpoints,
  clientId: (c) => c.clientId,
  clientSecret: (c) => c.clientSecret,
  // as the registry's oauth2_providers.yml asks (aws.cognito.signin.user.admin: the user's own Cognito API calls)
  scopes: 'openid email profile aws.cognito.signin.user.admin',
  logoutStyle: 'cognito',
  fromIdToken: (claims) => identity(claims, typeof claims.aud === 'string' ? claims.aud : '', loginName(claims)),
  fromBearer,
}
