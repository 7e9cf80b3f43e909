/**
 * One adapter per provider the suite can drive: how the mock IdP is shaped, where the real provider's
 * URLs are substituted by the mock's (the same way for every surface), what a Bearer ID token carries
 * and how the logout URL names the return address. A provider without a row here, or without a
 * row in the runtime's provider table, is skipped with that reason.
 *
 * Everything an adapter reads comes from the spec's parameters (`param`) and the mock's URLs, never
 * from a surface's files, so the substitution cannot make two surfaces look alike when they are not.
 */
import { cognitoHostedUiBase, cognitoIssuer } from '../src/compiler/derive.js'
import { parameterById } from '../src/compiler/map.js'
import type { ParameterId } from '../src/compiler/types.js'
import { PROVIDERS } from '../src/runtime/providers/index.js'
import type { RuntimeConfig } from '../src/runtime/config.js'
import type { FixedOrigins } from './harness/named-idp.js'
import type { MockIdpOptions, IdpShape } from './harness/oidc.js'

/** A spec parameter's value as the analysis resolved it (undefined when the spec leaves it unset). */
export type ParamOf = (id: string) => unknown

/** The mock IdP's addresses: the browser-facing base URL, and PingFederate's second (server-to-server) listener. */
export interface MockUrls {
  baseUrl: string
  internalUrl?: string
}

export interface ProviderAdapter {
  id: string
  shape: IdpShape
  /** Extra mock options from the spec's parameters (pool id, realm, tenant, authorization server, groups claim). */
  mockOptions(param: ParamOf): Partial<MockIdpOptions>
  /** The spec parameters of the web client's id and secret. */
  clientParams: { id: string; secret: string; defaultId?: string }
  /**
   * The substitution: the real provider host is replaced by the mock. Returns the config the server
   * runs with and the serve options; both are a function of (config, mock URLs) only, so every
   * surface gets the same substitution.
   */
  substitute(c: RuntimeConfig, mock: MockUrls): { config: RuntimeConfig; idpBaseUrl?: string; note: string }
  /**
   * The provider's own https origins, where its hosts are fixed (the registry's code, or its
   * oauth2_providers.yml, builds them from a domain or region): the issuer's origin, and every origin a
   * login touches with its path prefix on the mock. A run whose servers must keep those URLs (the
   * oracle) serves the mock under them (harness/named-idp.ts).
   */
  fixedOrigins?(param: ParamOf): FixedOrigins
  /** The run's note on the substitution (from the spec, for the report header). */
  note(param: ParamOf): string
  /** The claims of a Bearer ID token for a user in `groups`, as this provider issues them. */
  idClaims(groups: string[], clientId: string, username: string, param: ParamOf): Record<string, unknown>
  logout: {
    /** The query parameter that carries the return address (<registry>/login). */
    returnParam: string
    /** Whether the logout URL carries client_id (Entra's does not). */
    clientId: boolean
    /**
     * What the mock IdP answers to that URL: 302 back to the return address (Cognito /logout, Auth0
     * /v2/logout, PingFederate /idp/init_logout.openid), or 200 (oidc-provider's end-session
     * confirmation page: Keycloak, Okta, Entra).
     */
    idpAnswers: 302 | 200
  }
}

/** The parameter's value, else its default from the parameter map (schema/parameters.json). */
const valueOr = (param: ParamOf, id: string): string => String(param(id) ?? parameterById(id as ParameterId)?.default ?? '')

/** https://{domain} as the registry builds it (a scheme the user wrote is dropped: providers/okta.py, auth0.py). */
function domainOrigin(domain: string): FixedOrigins {
  const origin = new URL(`https://${domain.replace(/^https?:\/\//, '').replace(/\/+$/, '')}`).origin
  return { issuer: origin, origins: { [origin]: '' } }
}

const cognito: ProviderAdapter = {
  id: 'cognito',
  shape: 'cognito',
  mockOptions: (param) => ({ userPoolId: String(param('auth.cognito.userPoolId')) }),
  clientParams: { id: 'auth.cognito.clientId', secret: 'auth.cognito.clientSecret' },
  fixedOrigins: (param) => {
    const pool = String(param('auth.cognito.userPoolId'))
    const region = valueOr(param, 'auth.cognito.region')
    const issuer = new URL(cognitoIssuer(pool, region)).origin
    const hostedUi = new URL(cognitoHostedUiBase(pool, region, String(param('auth.cognito.domain') ?? ''))).origin
    return { issuer, origins: { [issuer]: '', [hostedUi]: `/${pool}` } }
  },
  substitute: (c, mock) => ({ config: c, idpBaseUrl: mock.baseUrl, note: `Cognito issuer and hosted UI https://…/${c.cognito!.userPoolId} → <mock>/${c.cognito!.userPoolId} (regcfg serve --idp-base-url)` }),
  note: (param) => `Cognito issuer and hosted UI → <idp>/${String(param('auth.cognito.userPoolId'))} (--idp-base-url)`,
  idClaims: (groups, clientId, username) => ({ sub: `sub-${username}`, 'cognito:username': username, 'cognito:groups': groups, token_use: 'id', aud: clientId }),
  logout: { returnParam: 'logout_uri', clientId: true, idpAnswers: 302 },
}

const keycloak: ProviderAdapter = {
  id: 'keycloak',
  shape: 'keycloak',
  mockOptions: (param) => ({ realm: valueOr(param, 'auth.keycloak.realm') }),
  clientParams: { id: 'auth.keycloak.clientId', secret: 'auth.keycloak.clientSecret', defaultId: 'mcp-gateway-web' },
  substitute: (c, mock) => ({
    config: { ...c, keycloak: { ...c.keycloak!, url: mock.baseUrl, externalUrl: mock.baseUrl } },
    note: `KEYCLOAK_URL and KEYCLOAK_EXTERNAL_URL → <mock> (realm /realms/${c.keycloak!.realm} kept)`,
  }),
  note: (param) => `KEYCLOAK_URL and KEYCLOAK_EXTERNAL_URL → <idp> (realm ${valueOr(param, 'auth.keycloak.realm')} kept)`,
  idClaims: (groups, clientId, username) => ({ sub: `sub-${username}`, preferred_username: username, groups, aud: clientId, azp: clientId }),
  logout: { returnParam: 'post_logout_redirect_uri', clientId: true, idpAnswers: 200 },
}

/**
 * Entra: every URL is under {ENTRA_LOGIN_BASE_URL}/{tenant}, so the login base is the substitution
 * (a parameter, no serve option). The tenant is the spec's; Graph's userinfo is not used by the flows.
 */
const entra: ProviderAdapter = {
  id: 'entra',
  shape: 'entra',
  mockOptions: (param) => ({ tenantId: String(param('auth.entra.tenantId')) }),
  clientParams: { id: 'auth.entra.clientId', secret: 'auth.entra.clientSecret' },
  // the registry's login and its userinfo use oauth2_providers.yml's fixed login.microsoftonline.com and
  // graph.microsoft.com; its token checks use ENTRA_LOGIN_BASE_URL (providers/entra.py)
  fixedOrigins: (param) => {
    const login = new URL(valueOr(param, 'auth.entra.loginBaseUrl')).origin
    return { issuer: login, origins: { [login]: '', 'https://login.microsoftonline.com': '', 'https://graph.microsoft.com': `/${String(param('auth.entra.tenantId'))}` } }
  },
  substitute: (c, mock) => ({
    config: { ...c, entra: { ...c.entra!, loginBaseUrl: mock.baseUrl } },
    note: `ENTRA_LOGIN_BASE_URL ${c.entra!.loginBaseUrl} → <mock> (tenant path /${c.entra!.tenantId} kept)`,
  }),
  note: (param) => `ENTRA_LOGIN_BASE_URL ${valueOr(param, 'auth.entra.loginBaseUrl')} → <idp> (tenant /${String(param('auth.entra.tenantId'))} kept)`,
  idClaims: (groups, clientId, username, param) => ({ sub: `sub-${username}`, oid: `oid-${username}`, tid: String(param('auth.entra.tenantId')), preferred_username: username, groups, aud: clientId, azp: clientId, ver: '2.0' }),
  logout: { returnParam: 'post_logout_redirect_uri', clientId: false, idpAnswers: 200 },
}

/** Okta: https://{OKTA_DOMAIN} → the mock (--idp-base-url); the spec's custom authorization server path is kept. */
const okta: ProviderAdapter = {
  id: 'okta',
  shape: 'okta',
  mockOptions: (param) => (param('auth.okta.authServerId') ? { authServerId: String(param('auth.okta.authServerId')) } : {}),
  clientParams: { id: 'auth.okta.clientId', secret: 'auth.okta.clientSecret' },
  fixedOrigins: (param) => domainOrigin(String(param('auth.okta.domain'))),
  substitute: (c, mock) => ({ config: c, idpBaseUrl: mock.baseUrl, note: `https://${c.okta!.domain} → <mock> (regcfg serve --idp-base-url)` }),
  note: (param) => `https://${String(param('auth.okta.domain'))} → <idp> (--idp-base-url; ${param('auth.okta.authServerId') ? `authorization server /oauth2/${String(param('auth.okta.authServerId'))}` : 'org authorization server'} kept)`,
  idClaims: (groups, clientId, username) => ({ sub: `${username}@example.com`, uid: `00u-${username}`, preferred_username: username, cid: clientId, groups, aud: clientId }),
  logout: { returnParam: 'post_logout_redirect_uri', clientId: true, idpAnswers: 200 },
}

/** Auth0: https://{AUTH0_DOMAIN} → the mock (--idp-base-url); groups in the spec's AUTH0_GROUPS_CLAIM. */
const auth0: ProviderAdapter = {
  id: 'auth0',
  shape: 'auth0',
  mockOptions: (param) => ({ groupsClaim: valueOr(param, 'auth.auth0.groupsClaim') }),
  clientParams: { id: 'auth.auth0.clientId', secret: 'auth.auth0.clientSecret' },
  fixedOrigins: (param) => domainOrigin(String(param('auth.auth0.domain'))),
  substitute: (c, mock) => ({ config: c, idpBaseUrl: mock.baseUrl, note: `https://${c.auth0!.domain} → <mock> (regcfg serve --idp-base-url)` }),
  note: (param) => `https://${String(param('auth.auth0.domain'))} → <idp> (--idp-base-url; groups in ${valueOr(param, 'auth.auth0.groupsClaim')})`,
  idClaims: (groups, clientId, username, param) => ({ sub: `auth0|${username}`, nickname: username, [valueOr(param, 'auth.auth0.groupsClaim')]: groups, aud: clientId, azp: clientId }),
  logout: { returnParam: 'returnTo', clientId: true, idpAnswers: 302 },
}

/**
 * PingFederate: both of its URLs are parameters. PINGFEDERATE_EXTERNAL_URL (browser: authorize, logout;
 * the issuer) → the mock's base URL; PINGFEDERATE_BASE_URL (server-to-server: token, userinfo, JWKS) →
 * the mock's second listener, so a mix-up of the two is a failed login, not a silent pass.
 */
const pingfederate: ProviderAdapter = {
  id: 'pingfederate',
  shape: 'pingfederate',
  mockOptions: (param) => ({ groupsClaim: valueOr(param, 'auth.pingfederate.groupsClaim') }),
  clientParams: { id: 'auth.pingfederate.clientId', secret: 'auth.pingfederate.clientSecret' },
  substitute: (c, mock) => ({
    config: { ...c, pingfederate: { ...c.pingfederate!, externalUrl: mock.baseUrl, baseUrl: mock.internalUrl! } },
    note: `PINGFEDERATE_EXTERNAL_URL ${c.pingfederate!.externalUrl} → <mock>, PINGFEDERATE_BASE_URL ${c.pingfederate!.baseUrl} → <mock internal listener>`,
  }),
  note: (param) => `PINGFEDERATE_EXTERNAL_URL ${String(param('auth.pingfederate.externalUrl'))} → <idp>, PINGFEDERATE_BASE_URL ${String(param('auth.pingfederate.baseUrl'))} → <idp internal listener> (groups in ${valueOr(param, 'auth.pingfederate.groupsClaim')})`,
  idClaims: (groups, clientId, username, param) => ({ sub: `sub-${username}`, preferred_username: username, [valueOr(param, 'auth.pingfederate.groupsClaim')]: groups, aud: clientId, client_id: clientId }),
  logout: { returnParam: 'post_logout_redirect_uri', clientId: true, idpAnswers: 302 },
}

export const ADAPTERS: Readonly<Record<string, ProviderAdapter>> = { cognito, keycloak, entra, okta, auth0, pingfederate }

/** Why a provider cannot run yet, or undefined when it can; checked at run time. */
export function unsupported(provider: string): string | undefined {
  if (!PROVIDERS[provider]) return `the runtime's provider table (src/runtime/providers/index.ts) has no ${provider} row yet`
  if (!ADAPTERS[provider]) return `conformance/providers.ts has no ${provider} adapter yet (mock IdP shape and URL substitution)`
  return undefined
}
