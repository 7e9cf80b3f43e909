import { tokenInvalid } from '../../errors.js'
import { str, type ParamReader } from '../params.js'
import { baseUrlOf, withDefault } from './_config.js'
import { groupsClaim, requireAudience, strClaim } from './_claims.js'
import type { Identity, ProviderRow } from './types.js'

export interface EntraConfig {
  tenantId: string
  clientId: string
  clientSecret: string
  /** ENTRA_LOGIN_BASE_URL (sovereign clouds); default https://login.microsoftonline.com. */
  loginBaseUrl: string
  /** ENTRA_GRAPH_BASE_URL, or inferred from the login base. */
  graphBaseUrl: string
  /** ENTRA_APPLICATION_ID_URI; default api://<clientId>. */
  applicationIdUri: string
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MULTI_TENANT = ['common', 'organizations', 'consumers']

/** The Graph host of each Microsoft cloud, by its login host (unknown clouds need ENTRA_GRAPH_BASE_URL). */
const GRAPH_OF: Record<string, string> = {
  'login.microsoftonline.com': 'https://graph.microsoft.com',
  'login.microsoftonline.us': 'https://graph.microsoft.us',
  'login.partner.microsoftonline.cn': 'https://microsoftgraph.chinacloudapi.cn',
  'login.chinacloudapi.cn': 'https://microsoftgraph.chinacloudapi.cn',
}

function read(r: ParamReader): EntraConfig | undefined {
  const tenantId = str(r.need('auth.entra.tenantId', 'when AUTH_PROVIDER=entra'))
  const clientId = str(r.need('auth.entra.clientId', 'when AUTH_PROVIDER=entra'))
  const clientSecret = str(r.need('auth.entra.clientSecret', 'when AUTH_PROVIDER=entra'))
  const loginBaseUrl = baseUrlOf(r, 'auth.entra.loginBaseUrl', withDefault(r, 'auth.entra.loginBaseUrl'))!
  const graphSet = baseUrlOf(r, 'auth.entra.graphBaseUrl', str(r.get('auth.entra.graphBaseUrl')))
  if (tenantId !== undefined) {
    if (MULTI_TENANT.includes(tenantId.toLowerCase())) r.problems.push(`${r.nameOf('auth.entra.tenantId')}=${tenantId} is a multi-tenant alias; regcfg needs the directory (tenant) id, a GUID, to check token issuers`)
    else if (!GUID.test(tenantId)) r.problems.push(`${r.nameOf('auth.entra.tenantId')}="${tenantId}" must be the directory (tenant) id, a GUID: tokens name the tenant by id, so a domain name would fail every issuer check`)
  }
  if (!tenantId || !clientId || !clientSecret) return undefined
  let host = ''
  try {
    host = new URL(loginBaseUrl).host
  } catch {
    /* reported by baseUrlOf */
  }
  return {
    tenantId,
    clientId,
    clientSecret,
    loginBaseUrl,
    graphBaseUrl: graphSet ?? GRAPH_OF[host] ?? 'https://graph.microsoft.com',
    applicationIdUri: str(r.get('auth.entra.applicationIdUri')) ?? `api://${clientId}`,
  }
}

/** Everything below {loginBase}/{tenant}; v2.0 endpoints. Userinfo is Graph's OIDC userinfo. */
function endpoints(c: EntraConfig) {
  const base = `${c.loginBaseUrl}/${c.tenantId}`
  return {
    issuers: [`${base}/v2.0`, `https://sts.windows.net/${c.tenantId}/`],
    authorize: `${base}/oauth2/v2.0/authorize`,
    token: `${base}/oauth2/v2.0/token`,
    userinfo: `${c.graphBaseUrl}/oidc/userinfo`,
    jwks: `${base}/discovery/v2.0/keys`,
    logout: `${base}/oauth2/v2.0/logout`,
  }
}

type Claims = Parameters<ProviderRow<EntraConfig>['fromIdToken']>[0]

/** v2 tokens: preferred_username; v1 tokens: upn / unique_name; app-only tokens: the app (azp/appid). */
function identity(claims: Claims, fallbackClientId: string): Identity {
  const clientId = strClaim(claims, 'azp') ?? strClaim(claims, 'appid') ?? fallbackClientId
  const username = strClaim(claims, 'preferred_username') ?? strClaim(claims, 'upn') ?? strClaim(claims, 'unique_name') ?? strClaim(claims, 'email') ?? claims.sub ?? clientId
  const scp = strClaim(claims, 'scp') ?? strClaim(claims, 'scope') ?? ''
  return { username, email: strClaim(claims, 'email'), clientId, groups: groupsClaim(claims, 'groups'), tokenScopes: scp.split(' ').filter(Boolean) }
}

/** Audience ∈ {client id, api://<client id>, Application ID URI}; issuer (v1 or v2) already checked. */
function fromBearer(claims: Claims, c: EntraConfig): Identity {
  const allowed = [c.clientId, `api://${c.clientId}`, c.applicationIdUri]
  requireAudience(claims, allowed)
  if (strClaim(claims, 'tid') !== undefined && strClaim(claims, 'tid') !== c.tenantId) throw tokenInvalid('token is from another tenant')
  return identity(claims, c.clientId)
}

export const entra: ProviderRow<EntraConfig> = {
  id: 'entra',
  displayName: 'Microsoft Entra ID',
  read,
  endpoints,
  clientId: (c) => c.clientId,
  clientSecret: (c) => c.clientSecret,
  scopes: 'openid email profile',
  logoutStyle: 'entra',
  fromIdToken: (claims) => identity(claims, typeof claims.aud === 'string' ? claims.aud : ''),
  fromBearer,
}
