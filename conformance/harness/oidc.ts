/**
 * A mock identity provider built on oidc-provider (real checks of client secret, redirect URI,
 * PKCE and code reuse), shaped like Amazon Cognito or Keycloak:
 *   cognito   issuer http://127.0.0.1:PORT/<region>_<id>; /oauth2/authorize, /oauth2/token,
 *             /oauth2/userInfo, /.well-known/jwks.json, /logout; groups in `cognito:groups`
 *   keycloak  issuer http://127.0.0.1:PORT/realms/<realm>; /protocol/openid-connect/{auth,token,
 *             userinfo,certs,logout}; groups in `groups`
 * Login is headless: the interaction route finishes with the account the test chose (loginAs).
 * The JWKS is served by the harness so tests can rotate keys and count fetches.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import Provider, { type Configuration } from 'oidc-provider'
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, importJWK, type JWK, type JWTPayload, type KeyObject } from 'jose'
import { freePort } from './net.js'

export type IdpShape = 'cognito' | 'keycloak'

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
  /** Adds a new signing key, served by the JWKS from now on, and makes it current; returns its kid. */
  rotateKey(): Promise<string>
  /** The current public key as PEM (for the HS256-with-the-public-key attack). */
  publicKeyPem(): Promise<string>
  /** How many times the JWKS was fetched. */
  readonly jwksFetches: number
  /** Requests to the Cognito-shaped /logout, for assertions. */
  readonly logouts: URLSearchParams[]
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
}

async function newKey(n: number): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const kid = `mock-key-${n}-${Math.random().toString(36).slice(2, 8)}`
  const meta = { kid, alg: 'RS256', use: 'sig' }
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), ...meta }, privateJwk: { ...(await exportJWK(privateKey)), ...meta } }
}

function claimsOf(shape: IdpShape, a: MockAccount): Record<string, unknown> {
  const username = a.username ?? a.sub
  if (shape === 'cognito') return { sub: a.sub, email: a.email, 'cognito:username': username, 'cognito:groups': a.groups, token_use: 'id' }
  return { sub: a.sub, email: a.email, preferred_username: username, groups: a.groups }
}

function providerConfig(o: MockIdpOptions, key: SigningKey, mount: string, accounts: Map<string, MockAccount>): Configuration {
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
    routes: ROUTES[o.shape],
    claims: { openid: ['sub', 'email', 'cognito:username', 'cognito:groups', 'token_use', 'preferred_username', 'groups'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => {
      const a = accounts.get(sub)
      return a ? { accountId: sub, claims: async () => ({ ...claimsOf(o.shape, a), sub }) } : undefined
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${mount}/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    cookies: { keys: ['regcfg-mock-idp-cookie-key'] },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    clientBasedCORS: () => false,
  }
}

export async function startMockIdp(o: MockIdpOptions): Promise<MockIdp> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const mount = o.shape === 'cognito' ? `/${o.userPoolId ?? 'us-east-1_Mock123'}` : `/realms/${o.realm ?? 'mcp-gateway'}`
  const issuer = baseUrl + mount
  const keys: SigningKey[] = [await newKey(0)]
  let current = keys[0]!
  const accounts = new Map<string, MockAccount>()
  let next: MockAccount | undefined
  const state = { jwksFetches: 0, logouts: [] as URLSearchParams[] }
  const provider = new Provider(issuer, providerConfig(o, current, mount, accounts))
  const callback = provider.callback()
  const jwksPath = mount + ROUTES[o.shape].jwks!

  const interaction = async (req: IncomingMessage, res: ServerResponse) => {
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

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', baseUrl)
    if (url.pathname === jwksPath) {
      state.jwksFetches++
      return json(res, { keys: keys.map((k) => k.publicJwk) })
    }
    if (o.shape === 'cognito' && url.pathname === `${mount}/logout`) return cognitoLogout(url, res)
    if (url.pathname.startsWith(`${mount}/interaction/`)) return void interaction(req, res).catch((e) => send(res, 500, `mock idp: ${(e as Error).message}`))
    if (!url.pathname.startsWith(mount)) return send(res, 404, 'mock idp: not found')
    ;(req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url
    req.url = req.url!.slice(mount.length) || '/'
    callback(req, res)
  })
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r))

  return {
    shape: o.shape,
    baseUrl,
    issuer,
    jwksUri: baseUrl + jwksPath,
    loginAs: (a) => void (next = a),
    signToken: async (claims, opts = {}) => {
      const k = opts.unpublished ? await newKey(-1) : keys.find((x) => x.kid === (opts.kid ?? current.kid)) ?? current
      const now = Math.floor(Date.now() / 1000)
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: k.kid, typ: 'JWT' }).setIssuer(opts.issuer ?? issuer).setIssuedAt(now).setExpirationTime(now + (opts.expiresIn ?? 300)).sign(k.privateKey)
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
    stop: () => {
      const closed = new Promise<void>((r) => server.close(() => r()))
      server.closeAllConnections()
      return closed
    },
  }
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' }).end(text)
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}
