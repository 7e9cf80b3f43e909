import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser } from '../../conformance/harness/browser.js'
import { CLIENT_SECRET, mcpHeaders, REGISTRY, SECRET_KEY, startRig, type Rig } from './_setup.js'

for (const shape of ['cognito', 'keycloak'] as const) {
  describe(`browser login, ${shape} shape`, () => {
    let rig: Rig
    beforeAll(async () => {
      rig = await startRig(shape, { replicas: 2 })
    })
    afterAll(async () => rig?.stop())

    async function login(groups: string[], redirect = '/servers') {
      rig.idp.loginAs({ sub: `sub-${groups.join('-')}`, username: 'alice', email: 'alice@example.com', groups })
      const b = new Browser()
      const hops = await b.follow(`${rig.auth.url}/oauth2/login/${shape}?redirect_uri=${encodeURIComponent(redirect)}`, (l) => l.startsWith(REGISTRY))
      return { b, hops }
    }

    it('goes login → IdP (state, nonce, PKCE S256) → callback → session cookie → back to the registry', async () => {
      const { b, hops } = await login(['readers'])
      const authorize = new URL(hops[0]!.location!)
      expect(authorize.href.startsWith(rig.idp.issuer)).toBe(true)
      for (const p of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(p)).toBeTruthy()
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
      expect(authorize.searchParams.get('redirect_uri')).toBe(`${rig.auth.url}/oauth2/callback/${shape}`)
      expect(hops.at(-1)!.location).toBe(`${REGISTRY}/servers`)
      expect(b.cookies(rig.auth.url).has('mcp_gateway_session')).toBe(true)
      expect(b.cookies(rig.auth.url).has('oauth2_temp_session')).toBe(false)
      const res = await b.request(`${rig.auth.url}/validate`, { headers: mcpHeaders('currenttime', 'tools/call', 'current_time_by_timezone') })
      expect(res.status).toBe(200)
      expect(res.headers.get('x-username')).toBe(shape === 'cognito' ? 'alice' : 'alice')
      expect(res.headers.get('x-groups')).toBe('readers')
      expect(res.headers.get('x-scopes')).toBe('time-readers')
      expect(res.headers.get('x-auth-method')).toBe('session_cookie')
      expect(res.headers.get('x-server-name')).toBe('currenttime')
      expect(res.headers.get('x-tool-name')).toBe('tools/call')
    })

    it('a second replica with the same SECRET_KEY accepts the session', async () => {
      const { b } = await login(['readers'])
      const cookie = `mcp_gateway_session=${b.cookies(rig.auth.url).get('mcp_gateway_session')}`
      const res = await fetch(`${rig.servers[1]!.url}/validate`, { headers: { cookie, ...mcpHeaders('currenttime', 'tools/list') } })
      expect(res.status).toBe(200)
      expect(res.headers.get('x-scopes')).toBe('time-readers')
    })

    it('denies per rule: other tool, other server, unknown group', async () => {
      const { b } = await login(['readers'])
      expect((await b.request(`${rig.auth.url}/validate`, { headers: mcpHeaders('currenttime', 'tools/call', 'other_tool') })).status).toBe(403)
      expect((await b.request(`${rig.auth.url}/validate`, { headers: mcpHeaders('fininfo', 'tools/list') })).status).toBe(403)
      const stranger = await login(['no-such-group'])
      const res = await stranger.b.request(`${rig.auth.url}/validate`, { headers: mcpHeaders('currenttime', 'initialize') })
      expect(res.status).toBe(403)
      expect((await res.json()).detail).toBe('Access denied to currenttime.initialize - user has no scopes configured')
    })

    it('the bootstrap registry-admins group gets every server, method and tool', async () => {
      const { b } = await login(['registry-admins'])
      for (const [server, method, tool] of [['fininfo', 'tools/call', 'anything'], ['x/y', 'resources/list', undefined], ['currenttime', 'tools/call', 'z']] as const) {
        const res = await b.request(`${rig.auth.url}/validate`, { headers: mcpHeaders(server, method, tool) })
        expect(res.status, `${server} ${method}`).toBe(200)
      }
    })

    it('refuses an open redirect and a callback without a login in progress', async () => {
      const res = await fetch(`${rig.auth.url}/oauth2/login/${shape}?redirect_uri=${encodeURIComponent('https://evil.example.net/')}`, { redirect: 'manual' })
      expect(res.status).toBe(400)
      expect((await res.json()).detail).toMatch(/redirect/i)
      const cb = await fetch(`${rig.auth.url}/oauth2/callback/${shape}?code=x&state=y`, { redirect: 'manual' })
      expect(cb.status).toBe(400)
      expect((await cb.json()).detail).toMatch(/no login in progress/)
    })

    it('logs one line per request with no secret, token, code or cookie in it', async () => {
      const { b } = await login(['readers'])
      const session = b.cookies(rig.auth.url).get('mcp_gateway_session')!
      const all = rig.logs.join('\n')
      expect(rig.logs.length).toBeGreaterThan(3)
      for (const s of [session, CLIENT_SECRET, SECRET_KEY, 'code=', 'state=']) expect(all).not.toContain(s)
    })

    it('logs out with the provider-correct parameters and leaves the cookie to the registry', async () => {
      const { b } = await login(['readers'])
      const res = await b.request(`${rig.auth.url}/oauth2/logout/${shape}`)
      expect(res.status).toBe(302)
      const to = new URL(res.headers.get('location')!)
      const clientId = shape === 'cognito' ? 'mock-web-client' : 'mcp-gateway-web'
      expect(to.searchParams.get('client_id')).toBe(clientId)
      const key = shape === 'cognito' ? 'logout_uri' : 'post_logout_redirect_uri'
      expect(to.searchParams.get(key)).toBe(`${REGISTRY}/login`)
      expect(to.pathname.endsWith(shape === 'cognito' ? '/logout' : '/protocol/openid-connect/logout')).toBe(true)
      expect(res.headers.getSetCookie()).toEqual([]) // the registry's /logout ends the session
      if (shape === 'cognito') expect((await fetch(to, { redirect: 'manual' })).headers.get('location')).toBe(`${REGISTRY}/login`)
    })
  })
}
