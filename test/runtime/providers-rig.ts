/**
 * Wiring for the Entra, Okta, Auth0 and PingFederate tests: a mock IdP of that shape, scopes in a
 * real Mongo-protocol server (FerretDB unless MONGODB_URI or a container runtime), and an
 * auth-server configured from the container environment a deployment would give it.
 */
import { MongoClient } from 'mongodb'
import { expect, it } from 'vitest'
import { Browser, type Hop } from '../../conformance/harness/browser.js'
import { freePort } from '../../conformance/harness/net.js'
import { ENTRA_MOCK_TENANT, startMockIdp, type MockIdp, type MockIdpOptions } from '../../conformance/harness/oidc.js'
import { loadRuntimeConfig } from '../../src/runtime/config.js'
import { startAuthServer, type AuthServer, type ServeOptions } from '../../src/runtime/server.js'
import type { ScopeDoc } from '../../src/runtime/scopes/types.js'
import { CLIENT_SECRET, REGISTRY, SECRET_KEY, mcpHeaders } from './_setup.js'

export type NewShape = 'entra' | 'okta' | 'auth0' | 'pingfederate'

export const CLIENT_ID: Record<NewShape, string> = {
  entra: '0a1b2c3d-4e5f-4a6b-8c9d-0e1f2a3b4c5d',
  okta: '0oa1mockweb2client3',
  auth0: 'AbCdEfMockAuth0Client',
  pingfederate: 'mcp-gateway',
}

/** Entra groups are object ids; the others are names. The scope documents map them like a real deployment. */
export const READERS: Record<NewShape, string> = { entra: '5d1e9f03-1111-4222-8333-444455556666', okta: 'mcp-readers', auth0: 'mcp-readers', pingfederate: 'mcp-readers' }

export function scopeDocs(shape: NewShape): ScopeDoc[] {
  return [
    { _id: 'time-readers', group_mappings: [READERS[shape]], server_access: [{ server: 'currenttime', methods: ['initialize', 'tools/list', 'tools/call'], tools: ['current_time_by_timezone'] }], ui_permissions: {} },
    { _id: 'fin-list', group_mappings: ['finance'], server_access: [{ server: '/fininfo/', methods: ['tools/list'], tools: [] }], ui_permissions: {} },
    { _id: 'registry-admins', group_mappings: ['registry-admins'], server_access: [{ server: '*', methods: ['all'], tools: ['all'] }], ui_permissions: {} },
  ]
}

export function providerEnv(shape: NewShape, idp: MockIdp, authUrl: string): Record<string, string> {
  const common = { REGISTRY_URL: REGISTRY, AUTH_SERVER_EXTERNAL_URL: authUrl, SECRET_KEY, SESSION_COOKIE_SECURE: 'false', AUTH_PROVIDER: shape }
  switch (shape) {
    case 'entra':
      return { ...common, ENTRA_TENANT_ID: ENTRA_MOCK_TENANT, ENTRA_CLIENT_ID: CLIENT_ID.entra, ENTRA_CLIENT_SECRET: CLIENT_SECRET, ENTRA_LOGIN_BASE_URL: idp.baseUrl }
    case 'okta':
      return { ...common, OKTA_DOMAIN: 'dev-000000.okta.example', OKTA_CLIENT_ID: CLIENT_ID.okta, OKTA_CLIENT_SECRET: CLIENT_SECRET }
    case 'auth0':
      return { ...common, AUTH0_DOMAIN: 'mock-tenant.us.auth0.example', AUTH0_CLIENT_ID: CLIENT_ID.auth0, AUTH0_CLIENT_SECRET: CLIENT_SECRET }
    case 'pingfederate':
      return { ...common, PINGFEDERATE_EXTERNAL_URL: idp.baseUrl, PINGFEDERATE_BASE_URL: idp.internalUrl!, PINGFEDERATE_CLIENT_ID: CLIENT_ID.pingfederate, PINGFEDERATE_CLIENT_SECRET: CLIENT_SECRET }
  }
}

export interface ProviderRig {
  shape: NewShape
  idp: MockIdp
  auth: AuthServer
  logs: string[]
  /** The browser login, stopped at the registry; returns the browser (with the session) and its hops. */
  login(groups: string[], username?: string): Promise<{ b: Browser; hops: Hop[] }>
  validate(init: { token?: string; browser?: Browser }, server?: string, method?: string, tool?: string): Promise<Response>
  stop(): Promise<void>
}

export interface RigOptions extends ServeOptions {
  /** Container variables added to (or, with '', removed from) the provider's environment. */
  env?: Record<string, string>
  idp?: Partial<MockIdpOptions>
  /** Mongo URI and namespace holding the scope documents (omitted: the spec's scopes from memory). */
  mongo?: { uri: string; namespace: string }
}

/** Writes the scope documents for a shape into mcp_scopes_<namespace> (database regcfg_test). */
export async function seedScopes(uri: string, namespace: string, docs: ScopeDoc[]): Promise<void> {
  const client = await MongoClient.connect(uri)
  try {
    const col = client.db('regcfg_test').collection(`mcp_scopes_${namespace}`)
    for (const d of docs) await col.replaceOne({ _id: d._id as never }, d, { upsert: true })
  } finally {
    await client.close()
  }
}

export async function startProviderRig(shape: NewShape, o: RigOptions = {}): Promise<ProviderRig> {
  const port = await freePort()
  const external = `http://127.0.0.1:${port}`
  const idp = await startMockIdp({ shape, clientId: CLIENT_ID[shape], clientSecret: CLIENT_SECRET, redirectUris: [`${external}/oauth2/callback/${shape}`], postLogoutRedirectUris: [`${REGISTRY}/login`], ...o.idp })
  const env: Record<string, string> = { ...providerEnv(shape, idp, external), ...(o.mongo ? { MONGODB_CONNECTION_STRING: o.mongo.uri, DOCUMENTDB_NAMESPACE: o.mongo.namespace, DOCUMENTDB_DATABASE: 'regcfg_test' } : {}) }
  for (const [k, v] of Object.entries(o.env ?? {})) if (v === '') delete env[k]
  else env[k] = v
  const config = loadRuntimeConfig(env)
  const logs: string[] = []
  const needsBase = shape === 'okta' || shape === 'auth0'
  const auth = await startAuthServer(config, { specScopes: o.mongo ? [] : scopeDocs(shape), logSink: (l) => logs.push(l), ...o, port, ...(needsBase ? { idpBaseUrl: idp.baseUrl } : {}) })
  return {
    shape,
    idp,
    auth,
    logs,
    async login(groups, username = 'alice') {
      idp.loginAs({ sub: `sub-${username}-${groups.join('-')}`, username, email: `${username}@example.com`, groups })
      const b = new Browser()
      const hops = await b.follow(`${auth.url}/oauth2/login/${shape}?redirect_uri=${encodeURIComponent('/servers')}`, (l) => l.startsWith(REGISTRY))
      return { b, hops }
    },
    async validate({ token, browser }, server = 'currenttime', method = 'tools/list', tool) {
      const headers = { ...mcpHeaders(server, method, tool), ...(token ? { authorization: `Bearer ${token}` } : {}) }
      return browser ? browser.request(`${auth.url}/validate`, { headers }) : fetch(`${auth.url}/validate`, { headers })
    },
    stop: async () => {
      await auth.close()
      await idp.stop()
    },
  }
}

export interface LogoutExpectation {
  /** Path of the IdP logout endpoint. */
  path: string
  /** Query parameters the logout URL must carry. */
  params: Record<string, string>
  /** Parameters it must not carry. */
  absent: string[]
  /** What the IdP answers to that URL: a 302 back to the registry, or 200 (oidc-provider's confirmation form). */
  idpAnswers: 302 | 200
}

/**
 * The browser flow every provider must pass: login → IdP (state, nonce, PKCE S256) → callback →
 * session → /validate with the scopes mapped from Mongo; denials; logout with the provider's parameters.
 */
export function browserLoginSuite(rig: () => ProviderRig, o: { authorizeUrl: () => string; logout: LogoutExpectation }): void {
  it('login → IdP (state, nonce, PKCE S256) → callback → session → /validate with the scopes mapped from Mongo', async () => {
    const r = rig()
    const { b, hops } = await r.login([READERS[r.shape], 'unmapped-group'])
    const authorize = new URL(hops[0]!.location!)
    expect(authorize.origin + authorize.pathname).toBe(o.authorizeUrl())
    for (const p of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(p)).toBeTruthy()
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT_ID[r.shape])
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${r.auth.url}/oauth2/callback/${r.shape}`)
    expect(hops.at(-1)!.location, JSON.stringify(hops.map((h) => [h.status, h.url.split('?')[0]]))).toBe(`${REGISTRY}/servers`)
    expect(b.cookies(r.auth.url).has('mcp_gateway_session')).toBe(true)
    const res = await r.validate({ browser: b }, 'currenttime', 'tools/call', 'current_time_by_timezone')
    expect(res.status).toBe(200)
    expect(res.headers.get('x-username')).toBe('alice')
    // the session keeps the scope-mapped groups only, as the registry's login filters them (group_filter.py)
    expect(res.headers.get('x-groups')).toBe(READERS[r.shape])
    expect(res.headers.get('x-scopes')).toBe('time-readers')
    expect(res.headers.get('x-auth-method')).toBe('session_cookie')
    expect(res.headers.get('x-client-id')).toBe('') // a session has no client, as the registry answers
  })

  it('denies per rule after login: another tool, another server, a user whose groups map to nothing', async () => {
    const r = rig()
    const { b } = await r.login([READERS[r.shape]])
    expect((await r.validate({ browser: b }, 'currenttime', 'tools/call', 'other_tool')).status).toBe(403)
    expect((await r.validate({ browser: b }, 'fininfo', 'tools/list')).status).toBe(403)
    const stranger = await r.login(['nobody-maps-this'], 'mallory')
    const res = await r.validate({ browser: stranger.b }, 'currenttime', 'initialize')
    expect(res.status).toBe(403)
    expect(((await res.json()) as { detail: string }).detail).toMatch(/user has no scopes configured$/)
  })

  it('logs out with the provider-correct parameters (no Set-Cookie: the registry ends the session), and the IdP accepts them', async () => {
    const r = rig()
    const { b } = await r.login([READERS[r.shape]])
    const res = await b.request(`${r.auth.url}/oauth2/logout/${r.shape}`)
    expect(res.status).toBe(302)
    const to = new URL(res.headers.get('location')!)
    expect(to.pathname).toBe(o.logout.path)
    for (const [k, v] of Object.entries(o.logout.params)) expect(to.searchParams.get(k), k).toBe(v)
    for (const k of o.logout.absent) expect(to.searchParams.has(k), k).toBe(false)
    expect(res.headers.getSetCookie()).toEqual([])
    const idp = await fetch(to, { redirect: 'manual' })
    expect(idp.status).toBe(o.logout.idpAnswers)
    if (o.logout.idpAnswers === 302) expect(idp.headers.get('location')).toBe(`${REGISTRY}/login`)
  })
}
