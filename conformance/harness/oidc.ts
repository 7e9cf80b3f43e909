/**
 * A mock identity provider built on oidc-provider (real checks of client secret, redirect URI,
 * PKCE and code reuse), shaped like Amazon Cognito or Keycloak:
 *   cognito   issuer http://127.0.0.1:PORT/<region>_<id>; /oauth2/authorize, /oauth2/token,
 *             /oauth2/userInfo, /.well-known/jwks.json, /logout; groups in `cognito:groups`; the access
 *             token is a JWT as Cognito's (token_use access, client_id, username, cognito:groups, scope)
 *   keycloak  issuer http://127.0.0.1:PORT/realms/<realm>; /protocol/openid-connect/{auth,token,
 *             userinfo,certs,logout}; groups in `groups`
 *   entra     issuer http://127.0.0.1:PORT/<tenant>/v2.0 (login base = baseUrl); /<tenant>/oauth2/v2.0/
 *             {authorize,token,logout}, /<tenant>/discovery/v2.0/keys; `preferred_username`, `groups`
 *   okta      org AS: issuer http://127.0.0.1:PORT, /oauth2/v1/{authorize,token,userinfo,keys,logout};
 *             custom AS (authServerId): issuer .../oauth2/<id>, /oauth2/<id>/v1/...; `groups`. With a
 *             custom AS the org AS is served too, as a real Okta org does (the same client and accounts,
 *             its own issuer and signing key): the mock's issuer, signToken and JWKS are the custom AS's
 *   auth0     issuer http://127.0.0.1:PORT/ (trailing slash, as Auth0); /authorize, /oauth/token,
 *             /userinfo, /.well-known/jwks.json, /v2/logout (returnTo); groups in `groupsClaim`
 *             (default https://mcp-gateway/groups), username in `nickname`
 *   pingfederate issuer = baseUrl (the browser-facing "external" URL); /as/authorization.oauth2,
 *             /as/token.oauth2, /idp/userinfo.openid, /pf/JWKS, /idp/init_logout.openid; a second
 *             listener, internalUrl, plays PINGFEDERATE_BASE_URL; groups in `groupsClaim` (default groups)
 * Named (issuerOrigin): the issuer is the real provider's (https://cognito-idp.<region>.amazonaws.com/<pool>,
 * https://<okta domain>, https://<auth0 domain>/) while the mock still listens on loopback, and a TLS
 * listener (tls: a test CA's certificate for those names) answers a process that reaches those names
 * through the test's CONNECT proxy. A host whose real paths sit below a prefix of the mock's (Cognito's
 * hosted UI: /oauth2/… is the mock's /<pool>/oauth2/…; Microsoft Graph below the Entra tenant) gets
 * it added (hostPrefixes, by the Host header).
 * Login is headless: the interaction route finishes with the account the test chose (loginAs).
 * The JWKS is served by the harness so tests can rotate keys and count fetches.
 */
import { KeyObject as NodeKeyObject, randomUUID, sign as cryptoSign } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type Provider from 'oidc-provider'
import type { Configuration } from 'oidc-provider'
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js'
import { SignJWT, decodeJwt, exportJWK, exportSPKI, generateKeyPair, importJWK, type JWK, type JWTPayload, type KeyObject } from 'jose'
import { freePort } from './net.js'

export type IdpShape = 'cognito' | 'keycloak' | 'entra' | 'okta' | 'auth0' | 'pingfederate'

export interface MockAccount {
  sub: string
  username?: string
  email?: string
  groups: string[]
}

export interface MockIdpOptions {
  shape: IdpShape
  clientId: string
  clientSecret: string
  redirectUris: string[]
  postLogoutRedirectUris?: string[]
  /** Cognito: the User Pool id that names the issuer (default us-east-1_Mock123). */
  userPoolId?: string
  /** Keycloak: the realm (default mcp-gateway). */
  realm?: string
  /** Entra: the tenant (directory) id (default 72f988bf-0000-4000-8000-00000000c0de). */
  tenantId?: string
  /** Okta: a custom authorization server id; absent = the org authorization server. */
  authServerId?: string
  /** Auth0 / PingFederate: the claim that carries the groups (defaults https://mcp-gateway/groups / groups). */
  groupsClaim?: string
  /** The real provider's origin the issuer is named after (default: the mock's loopback base URL). */
  issuerOrigin?: string
  /** A TLS listener too (loopback, a port of its own), answering with this certificate. */
  tls?: { cert: string; key: string }
  /** Host name → the path prefix its requests are served under (added unless the path has it already). */
  hostPrefixes?: Readonly<Record<string, string>>
}

export interface SignOptions {
  kid?: string
  issuer?: string
  /** Seconds from now; negative for an expired token (default 300). */
  expiresIn?: number
  /** Sign with a fresh key that the JWKS never serves (an unknown `kid`). */
  unpublished?: boolean
}

export interface MockIdp {
  shape: IdpShape
  baseUrl: string
  issuer: string
  jwksUri: string
  /** The account the next interactive login finishes with. */
  loginAs(account: MockAccount): void
  /** A token signed (RS256) with one of the IdP's keys; the current key unless opts.kid. */
  signToken(claims: JWTPayload, opts?: SignOptions): Promise<string>
  /** The current key: its kid, and its RS256 signature of any bytes (a token with a header and payload of the test's making). */
  currentKey(): { kid: string; signRs256(data: Uint8Array): Buffer }
  /** Adds a new signing key, served by the JWKS from now on, and makes it current; returns its kid. */
  rotateKey(): Promise<string>
  /** The current public key as PEM (for the HS256-with-the-public-key attack). */
  publicKeyPem(): Promise<string>
  /** How many times the JWKS was fetched. */
  readonly jwksFetches: number
  /** Requests to the Cognito /logout, Auth0 /v2/logout and PingFederate /idp/init_logout.openid, for assertions. */
  readonly logouts: URLSearchParams[]
  /** PingFederate: the second listener (server-to-server URL, PINGFEDERATE_BASE_URL). */
  internalUrl?: string
  /** PingFederate: the paths requested on internalUrl. */
  readonly internalRequests: string[]
  /** The TLS listener's port (with `tls`). */
  tlsPort?: number
  stop(): Promise<void>
}

interface SigningKey {
  kid: string
  privateKey: KeyObject | CryptoKey
  publicJwk: JWK
  privateJwk: JWK
}

const ROUTES: Record<IdpShape, Record<string, string>> = {
  cognito: { authorization: '/oauth2/authorize', token: '/oauth2/token', userinfo: '/oauth2/userInfo', jwks: '/.well-known/jwks.json', end_session: '/oidc-logout' },
  keycloak: {
    authorization: '/protocol/openid-connect/auth',
    token: '/protocol/openid-connect/token',
    userinfo: '/protocol/openid-connect/userinfo',
    jwks: '/protocol/openid-connect/certs',
    end_session: '/protocol/openid-connect/logout',
  },
  entra: { authorization: '/oauth2/v2.0/authorize', token: '/oauth2/v2.0/token', userinfo: '/oidc/userinfo', jwks: '/discovery/v2.0/keys', end_session: '/oauth2/v2.0/logout' },
  okta: { authorization: '/oauth2/v1/authorize', token: '/oauth2/v1/token', userinfo: '/oauth2/v1/userinfo', jwks: '/oauth2/v1/keys', end_session: '/oauth2/v1/logout' },
  auth0: { authorization: '/authorize', token: '/oauth/token', userinfo: '/userinfo', jwks: '/.well-known/jwks.json', end_session: '/oidc/logout' },
  pingfederate: { authorization: '/as/authorization.oauth2', token: '/as/token.oauth2', userinfo: '/idp/userinfo.openid', jwks: '/pf/JWKS', end_session: '/idp/oidc-logout' },
}

export const ENTRA_MOCK_TENANT = '72f988bf-0000-4000-8000-00000000c0de'
const DEFAULT_GROUPS_CLAIM: Partial<Record<IdpShape, string>> = { auth0: 'https://mcp-gateway/groups', pingfederate: 'groups' }

/** Where a shape mounts oidc-provider, its routes below that mount, and its issuer. */
function layout(o: MockIdpOptions, baseUrl: string): { mount: string; routes: Record<string, string>; issuer: string } {
  switch (o.shape) {
    case 'cognito':
      return { mount: `/${o.userPoolId ?? 'us-east-1_Mock123'}`, routes: ROUTES.cognito, issuer: `${baseUrl}/${o.userPoolId ?? 'us-east-1_Mock123'}` }
    case 'keycloak':
      return { mount: `/realms/${o.realm ?? 'mcp-gateway'}`, routes: ROUTES.keycloak, issuer: `${baseUrl}/realms/${o.realm ?? 'mcp-gateway'}` }
    case 'entra': {
      const tenant = o.tenantId ?? ENTRA_MOCK_TENANT
      return { mount: `/${tenant}`, routes: ROUTES.entra, issuer: `${baseUrl}/${tenant}/v2.0` }
    }
    case 'okta': {
      if (!o.authServerId) return { mount: '', routes: ROUTES.okta, issuer: baseUrl }
      const routes = Object.fromEntries(Object.entries(ROUTES.okta).map(([k, v]) => [k, v.replace('/oauth2/v1/', '/v1/')]))
      return { mount: `/oauth2/${o.authServerId}`, routes, issuer: `${baseUrl}/oauth2/${o.authServerId}` }
    }
    case 'auth0':
      return { mount: '', routes: ROUTES.auth0, issuer: `${baseUrl}/` }
    case 'pingfederate':
      return { mount: '', routes: ROUTES.pingfederate, issuer: baseUrl }
  }
}

async function newKey(n: number): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const kid = `mock-key-${n}-${Math.random().toString(36).slice(2, 8)}`
  const meta = { kid, alg: 'RS256', use: 'sig' }
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), ...meta }, privateJwk: { ...(await exportJWK(privateKey)), ...meta } }
}

function claimsOf(o: MockIdpOptions, a: MockAccount): Record<string, unknown> {
  const shape = o.shape
  const username = a.username ?? a.sub
  if (shape === 'cognito') return { sub: a.sub, email: a.email, 'cognito:username': username, 'cognito:groups': a.groups, token_use: 'id' }
  if (shape === 'auth0') return { sub: a.sub, email: a.email, nickname: username, name: username, [groupsClaimOf(o)]: a.groups }
  if (shape === 'pingfederate') return { sub: a.sub, email: a.email, preferred_username: username, [groupsClaimOf(o)]: a.groups }
  if (shape === 'entra') return { sub: a.sub, email: a.email, preferred_username: username, name: username, oid: a.sub, tid: o.tenantId ?? ENTRA_MOCK_TENANT, groups: a.groups }
  return { sub: a.sub, email: a.email, preferred_username: username, groups: a.groups }
}

const groupsClaimOf = (o: MockIdpOptions): string => o.groupsClaim ?? DEFAULT_GROUPS_CLAIM[o.shape] ?? 'groups'

function providerConfig(o: MockIdpOptions, key: SigningKey, mount: string, accounts: Map<string, MockAccount>, routes: Record<string, string> = ROUTES[o.shape]): Configuration {
  return {
    clients: [{
      client_id: o.clientId,
      client_secret: o.clientSecret,
      redirect_uris: o.redirectUris,
      post_logout_redirect_uris: o.postLogoutRedirectUris ?? [],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [key.privateJwk] },
    routes,
    claims: {
      openid: [...new Set(['sub', 'email', 'cognito:username', 'cognito:groups', 'token_use', 'preferred_username', 'groups', 'nickname', 'name', 'oid', 'tid', groupsClaimOf(o)])],
      groups: ['groups'],
    },
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => {
      const a = accounts.get(sub)
      return a ? { accountId: sub, claims: async () => ({ ...claimsOf(o, a), sub }) } : undefined
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${mount}/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    cookies: { keys: ['regcfg-mock-idp-cookie-key'] },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    clientBasedCORS: () => false,
    // chosen, not defaulted: oidc-provider prints a development notice for each default it falls back on
    adapter: createMemoryAdapter(),
    renderError: async (ctx: { type: string; body: unknown }, out: Record<string, string>) => {
      ctx.type = 'json'
      ctx.body = { error: out.error, error_description: out.error_description }
    },
    ttl: { AccessToken: 3600, AuthorizationCode: 60, ClientCredentials: 600, IdToken: 3600, RefreshToken: 14 * 86400, Interaction: 3600, Session: 14 * 86400, Grant: 14 * 86400 },
  }
}

/**
 * oidc-provider, imported once. At import it warns that the Node it runs on is not an LTS it supports (22+);
 * the mock IdP runs on the project's Node (20.19+) on purpose, so that one line is not printed.
 */
let providerClass: Promise<typeof Provider> | undefined
function loadProvider(): Promise<typeof Provider> {
  providerClass ??= (async () => {
    const warn = console.warn
    console.warn = (...a: unknown[]) => void (typeof a[0] === 'string' && a[0].startsWith('oidc-provider WARNING: Unsupported runtime') ? undefined : warn(...a))
    try {
      return (await import('oidc-provider')).default
    } finally {
      console.warn = warn
    }
  })()
  return providerClass
}

export async function startMockIdp(o: MockIdpOptions): Promise<MockIdp> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const { mount, routes, issuer } = layout(o, o.issuerOrigin ?? baseUrl)
  const keys: SigningKey[] = [await newKey(0)]
  let current = keys[0]!
  const accounts = new Map<string, MockAccount>()
  let next: MockAccount | undefined
  const state = { jwksFetches: 0, logouts: [] as URLSearchParams[], internalRequests: [] as string[] }
  const ProviderClass = await loadProvider()
  const provider = new ProviderClass(issuer, providerConfig(o, current, mount, accounts, routes))
  // the URLs it builds (the resume after login) under the origin the browser asked for: X-Forwarded-Host/Proto,
  // which the Chromium fronting sends when it answers a public name from loopback (chromium.ts)
  provider.proxy = true
  const jwksPath = mount + routes.jwks!
  // Okta with a custom AS: the org AS beside it, at the root (issuer = the origin), with a key of its own
  const org = o.shape === 'okta' && o.authServerId ? await (async () => {
    const key = await newKey(100)
    const p = new ProviderClass(o.issuerOrigin ?? baseUrl, providerConfig(o, key, '', accounts, ROUTES.okta))
    p.proxy = true
    return { provider: p, key, jwksPath: ROUTES.okta.jwks! }
  })() : undefined
  /** The authorization server a path belongs to: the shape's own below its mount, else the Okta org AS. */
  const served = (path: string): { provider: Provider; mount: string } | undefined =>
    mount === '' || path === mount || path.startsWith(`${mount}/`) ? { provider, mount } : org ? { provider: org.provider, mount: '' } : undefined
  const callbacks = new Map<Provider, ReturnType<Provider['callback']>>([[provider, provider.callback()], ...(org ? [[org.provider, org.provider.callback()] as const] : [])])

  const interaction = async (provider: Provider, req: IncomingMessage, res: ServerResponse) => {
    const details = await provider.interactionDetails(req, res)
    if (details.prompt.name === 'login') {
      if (!next) return send(res, 400, 'mock idp: call loginAs(account) before logging in')
      accounts.set(next.sub, next)
      return provider.interactionFinished(req, res, { login: { accountId: next.sub } }, { mergeWithLastSubmission: false })
    }
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) })
    grant.addOIDCScope(String(details.params.scope))
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true })
  }

  const cognitoLogout = (url: URL, res: ServerResponse) => {
    state.logouts.push(url.searchParams)
    const target = url.searchParams.get('logout_uri') ?? ''
    const ok = url.searchParams.get('client_id') === o.clientId && (o.postLogoutRedirectUris ?? []).includes(target)
    if (!ok) return send(res, 400, 'mock idp: unknown client_id or logout_uri')
    res.writeHead(302, { location: target }).end()
  }

  /** Auth0 /v2/logout (client_id + returnTo) and PingFederate /idp/init_logout.openid (client_id + post_logout_redirect_uri). */
  const redirectLogout = (url: URL, res: ServerResponse, targetParam: string) => {
    state.logouts.push(url.searchParams)
    const target = url.searchParams.get(targetParam) ?? ''
    const ok = url.searchParams.get('client_id') === o.clientId && (o.postLogoutRedirectUris ?? []).includes(target)
    if (!ok) return send(res, 400, `mock idp: unknown client_id or ${targetParam}`)
    res.writeHead(302, { location: target }).end()
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    req.url = withPrefix(o.hostPrefixes?.[(req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase()] ?? '', req.url ?? '/')
    const url = new URL(req.url ?? '/', baseUrl)
    if (url.pathname === jwksPath) {
      state.jwksFetches++
      return json(res, { keys: keys.map((k) => k.publicJwk) })
    }
    if (org && url.pathname === org.jwksPath) return json(res, { keys: [org.key.publicJwk] })
    if (o.shape === 'cognito' && url.pathname === `${mount}/logout`) return cognitoLogout(url, res)
    if (o.shape === 'auth0' && url.pathname === '/v2/logout') return redirectLogout(url, res, 'returnTo')
    if (o.shape === 'pingfederate' && url.pathname === '/idp/init_logout.openid') return redirectLogout(url, res, 'post_logout_redirect_uri')
    const as = served(url.pathname)
    if (!as) return send(res, 404, 'mock idp: not found')
    if (url.pathname.startsWith(`${as.mount}/interaction/`)) return void interaction(as.provider, req, res).catch((e) => send(res, 500, `mock idp: ${(e as Error).message}`))
    if (o.shape === 'cognito' && req.method === 'POST' && url.pathname === mount + routes.token) cognitoAccessTokens(res, (claims) => signAs(current, claims))
    ;(req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url
    req.url = req.url!.slice(as.mount.length) || '/'
    callbacks.get(as.provider)!(req, res)
  }
  const server: Server = createServer(handler)
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r))
  let internal: { server: Server; url: string } | undefined
  if (o.shape === 'pingfederate') {
    const iport = await freePort()
    const iserver = createServer((req, res) => {
      state.internalRequests.push(new URL(req.url ?? '/', baseUrl).pathname)
      handler(req, res)
    })
    await new Promise<void>((r) => iserver.listen(iport, '127.0.0.1', r))
    internal = { server: iserver, url: `http://127.0.0.1:${iport}` }
  }
  let tls: { server: Server; port: number } | undefined
  if (o.tls) {
    const tport = await freePort()
    const tserver = createTlsServer({ cert: o.tls.cert, key: o.tls.key }, handler)
    await new Promise<void>((r) => tserver.listen(tport, '127.0.0.1', r))
    tls = { server: tserver, port: tport }
  }

  return {
    shape: o.shape,
    baseUrl,
    issuer,
    jwksUri: baseUrl + jwksPath,
    loginAs: (a) => void (next = a),
    signToken: async (claims, opts = {}) => {
      const k = opts.unpublished ? await newKey(-1) : keys.find((x) => x.kid === (opts.kid ?? current.kid)) ?? current
      const now = Math.floor(Date.now() / 1000)
      return signAs(k, { ...claims, iss: opts.issuer ?? issuer, iat: now, exp: now + (opts.expiresIn ?? 300) })
    },
    currentKey: () => {
      const { kid, privateKey } = current
      return { kid, signRs256: (data) => cryptoSign('sha256', data, privateKey instanceof NodeKeyObject ? privateKey : NodeKeyObject.from(privateKey as CryptoKey)) }
    },
    rotateKey: async () => {
      current = await newKey(keys.length)
      keys.push(current)
      return current.kid
    },
    publicKeyPem: async () => exportSPKI((await importJWK(current.publicJwk, 'RS256')) as CryptoKey),
    get jwksFetches() {
      return state.jwksFetches
    },
    get logouts() {
      return state.logouts
    },
    ...(internal ? { internalUrl: internal.url } : {}),
    get internalRequests() {
      return state.internalRequests
    },
    ...(tls ? { tlsPort: tls.port } : {}),
    stop: () => {
      const all = [server, ...(internal ? [internal.server] : []), ...(tls ? [tls.server] : [])]
      const closed = Promise.all(all.map((s) => new Promise<void>((r) => s.close(() => r()))))
      for (const s of all) s.closeAllConnections()
      return closed.then(() => undefined)
    },
  }
}

/** A JWT signed with `key` (RS256), the claims as given. */
function signAs(key: SigningKey, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey)
}

/**
 * Cognito's access token is a JWT the registry's login validates (SimplifiedCognitoValidator, for the
 * user name and groups), where oidc-provider issues an opaque one: the token answer's access_token is
 * replaced by a JWT with the claims Cognito puts in one, read off the ID token of the same answer.
 */
function cognitoAccessTokens(res: ServerResponse, sign: (claims: JWTPayload) => Promise<string>): void {
  const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse
  res.end = ((chunk?: unknown) => {
    let body: Record<string, unknown>
    try {
      body = JSON.parse(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk ?? '')) as Record<string, unknown>
    } catch {
      return end(chunk)
    }
    if (typeof body.id_token !== 'string') return end(chunk)
    const id = decodeJwt(body.id_token)
    const claims: JWTPayload = { sub: id.sub, 'cognito:groups': id['cognito:groups'], iss: id.iss, client_id: Array.isArray(id.aud) ? id.aud[0] : id.aud, token_use: 'access', scope: typeof body.scope === 'string' ? body.scope : 'openid', auth_time: id.auth_time ?? id.iat, iat: id.iat, exp: id.exp, jti: randomUUID(), username: id['cognito:username'] }
    void sign(claims).then((token) => {
      const out = Buffer.from(JSON.stringify({ ...body, access_token: token }))
      if (!res.headersSent) res.setHeader('content-length', out.length)
      end(out)
    }, () => end(chunk))
    return res
  }) as typeof res.end
}

/** `path` below `prefix`, unless it is there already (a redirect of the mock's own keeps its full path). */
export function withPrefix(prefix: string, path: string): string {
  return prefix === '' || path.startsWith(`${prefix}/`) || path === prefix ? path : prefix + path
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' }).end(text)
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}
