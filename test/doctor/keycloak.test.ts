/**
 * Keycloak: the pure checks and merge, the flow over a fake admin, and the admin REST calls over a
 * fake fetch (request shapes only). No Keycloak server runs here: the live path is untested.
 */
import { describe, expect, it } from 'vitest'
import { checkKeycloak, planKeycloakFix, postLogoutUris, uriAllowed } from '../../src/doctor/keycloak/checks.js'
import { keycloakAdmin, type KeycloakAdmin } from '../../src/doctor/keycloak/admin.js'
import type { KeycloakClientRep } from '../../src/doctor/keycloak/snapshot.js'
import { doctorKeycloak } from '../../src/doctor/run.js'
import type { KeycloakTarget } from '../../src/doctor/target.js'

const t: KeycloakTarget = {
  provider: 'keycloak',
  baseUrl: 'https://kc.example.com',
  realm: 'mcp-gateway',
  clientId: 'mcp-gateway-web',
  admin: 'admin',
  callbackUrl: 'https://registry.example.com/oauth2/callback/keycloak',
  signOutUrl: 'https://registry.example.com/login',
  groups: ['registry-admins', 'public-mcp-users'],
}

const client = (o: Partial<KeycloakClientRep> = {}): KeycloakClientRep => ({
  id: 'uuid-1',
  clientId: 'mcp-gateway-web',
  enabled: true,
  publicClient: false,
  redirectUris: ['http://localhost:8888/*', 'https://staging.example.com/oauth2/callback/keycloak'],
  attributes: { 'post.logout.redirect.uris': 'http://localhost:8888/login', 'pkce.code.challenge.method': 'S256' },
  ...o,
})

const codes = (fs: { code: string }[]) => fs.map((f) => f.code)

describe('Keycloak checks (pure)', () => {
  it('matches exact URIs and trailing-* wildcards, and "+" in the post-logout list', () => {
    expect(uriAllowed(['https://registry.example.com/*'], t.callbackUrl)).toBe(true)
    expect(uriAllowed(['https://registry.example.com/oauth2/*'], t.signOutUrl)).toBe(false)
    const plus = client({ redirectUris: ['https://registry.example.com/*'], attributes: { 'post.logout.redirect.uris': '+' } })
    expect(checkKeycloak(t, { client: plus, groups: t.groups })).toEqual([])
  })

  it('RC6061 / RC6062 / RC6063 / RC6064 / RC6060', () => {
    expect(codes(checkKeycloak(t, { client: client(), groups: ['public-mcp-users'] }))).toEqual(['RC6061', 'RC6062', 'RC6063'])
    expect(codes(checkKeycloak(t, { client: null, groups: ['registry-admins'] }))).toEqual(['RC6060', 'RC6064'])
  })

  it('the fix adds the missing URIs and keeps every other URI, attribute and field', () => {
    const c = client()
    const { client: fixed, added } = planKeycloakFix(t, c)
    expect(fixed.redirectUris).toEqual([...c.redirectUris!, t.callbackUrl])
    expect(postLogoutUris(fixed)).toEqual(['http://localhost:8888/login', t.signOutUrl])
    expect(fixed.attributes!['pkce.code.challenge.method']).toBe('S256')
    expect({ ...fixed, redirectUris: c.redirectUris, attributes: c.attributes }).toEqual(c)
    expect(added).toHaveLength(2)
    expect(planKeycloakFix(t, fixed).added).toEqual([])
  })
})

function fakeAdmin(c: KeycloakClientRep | null, groups: string[]): KeycloakAdmin & { puts: KeycloakClientRep[] } {
  const puts: KeycloakClientRep[] = []
  let current = c
  return { puts, snapshot: async () => ({ client: current, groups }), putClient: async (x) => void (puts.push(x), (current = x)) }
}

describe('doctorKeycloak (fake admin API)', () => {
  it('--fix writes the merged client once and reports the state after the write', async () => {
    const a = fakeAdmin(client(), t.groups)
    const r = await doctorKeycloak(a, t, { fix: true, dryRun: false })
    expect(a.puts).toHaveLength(1)
    expect(r.fix).toMatchObject({ applied: true })
    expect(r.findings).toEqual([])
  })

  it('--dry-run writes nothing', async () => {
    const a = fakeAdmin(client(), t.groups)
    const r = await doctorKeycloak(a, t, { fix: true, dryRun: true })
    expect(a.puts).toEqual([])
    expect(codes(r.findings)).toEqual(['RC6061', 'RC6062'])
  })
})

describe('keycloakAdmin (fake fetch: request shapes only)', () => {
  it('logs in at the master realm with admin-cli, reads the client by clientId and the groups, PUTs the client back', async () => {
    const calls: { url: string; method: string; body?: string; auth?: string }[] = []
    const f = (async (url: string, init: RequestInit = {}) => {
      const h = (init.headers ?? {}) as Record<string, string>
      calls.push({ url, method: init.method ?? 'GET', body: init.body?.toString(), auth: h.authorization })
      if (url.endsWith('/token')) return Response.json({ access_token: 'tok' })
      if (url.includes('/clients?')) return Response.json([client()])
      if (url.includes('/groups')) return Response.json([{ name: 'registry-admins', subGroups: [{ name: 'public-mcp-users' }] }])
      return new Response(null, { status: 204 })
    }) as typeof fetch
    const a = await keycloakAdmin(t, t.baseUrl, 'pw', f)
    expect(await a.snapshot()).toEqual({ client: client(), groups: ['registry-admins', 'public-mcp-users'] })
    await a.putClient(client())
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST https://kc.example.com/realms/master/protocol/openid-connect/token',
      'GET https://kc.example.com/admin/realms/mcp-gateway/clients?clientId=mcp-gateway-web',
      'GET https://kc.example.com/admin/realms/mcp-gateway/groups?briefRepresentation=true&max=10000',
      'PUT https://kc.example.com/admin/realms/mcp-gateway/clients/uuid-1',
    ])
    expect(calls[0]!.body).toBe('grant_type=password&client_id=admin-cli&username=admin&password=pw')
    expect(calls[1]!.auth).toBe('Bearer tok')
  })
})
