import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMongo, type MongoServer } from '../../conformance/harness/mongo.js'
import { loadRuntimeConfig } from '../../src/runtime/config.js'
import { PROVIDERS } from '../../src/runtime/providers/index.js'
import { REGISTRY } from './_setup.js'
import { browserLoginSuite, CLIENT_ID, READERS, scopeDocs, seedScopes, startProviderRig, type ProviderRig } from './providers-rig.js'

const AS = 'aus1mock'

describe('Okta', () => {
  let mongo: MongoServer
  let rig: ProviderRig
  beforeAll(async () => {
    mongo = await startMongo({ log: () => {} })
    await seedScopes(mongo.uri, 'okta', scopeDocs('okta'))
    rig = await startProviderRig('okta', { mongo: { uri: mongo.uri, namespace: 'okta' }, idp: { authServerId: AS }, env: { OKTA_AUTH_SERVER_ID: AS } })
  })
  afterAll(async () => {
    await rig?.stop()
    await mongo?.stop()
  })

  describe('custom authorization server (browser login and Bearer on the same AS)', () => {
    browserLoginSuite(() => rig, {
      authorizeUrl: () => `${rig.idp.baseUrl}/oauth2/${AS}/v1/authorize`,
      logout: { path: `/oauth2/${AS}/v1/logout`, params: { client_id: CLIENT_ID.okta, post_logout_redirect_uri: `${REGISTRY}/login` }, absent: ['logout_uri', 'returnTo', 'id_token_hint'], idpAnswers: 200 },
    })

    it('asks for the groups scope and passes an id_token_hint through to logout', async () => {
      const { hops } = await rig.login([READERS.okta])
      expect(new URL(hops[0]!.location!).searchParams.get('scope')).toBe('openid email profile groups')
      const hint = await rig.idp.signToken({ aud: CLIENT_ID.okta, sub: 'u1' })
      const to = new URL((await fetch(`${rig.auth.url}/oauth2/logout/okta?id_token_hint=${hint}`, { redirect: 'manual' })).headers.get('location')!)
      expect(to.searchParams.get('id_token_hint')).toBe(hint)
      expect(to.searchParams.get('post_logout_redirect_uri')).toBe(`${REGISTRY}/login`)
    })
  })

  describe('Bearer tokens with OKTA_M2M_ALLOWED_AUDIENCES empty (fail closed)', () => {
    const user = { uid: '00u1', sub: 'bob@example.com', cid: CLIENT_ID.okta, groups: [READERS.okta] }
    it('accepts a token whose audience is the web client', async () => {
      const res = await rig.validate({ token: await rig.idp.signToken({ ...user, aud: CLIENT_ID.okta }) })
      expect(res.status).toBe(200)
      expect(res.headers.get('x-username')).toBe('bob@example.com')
      expect(res.headers.get('x-client-id')).toBe(CLIENT_ID.okta)
      expect(res.headers.get('x-auth-method')).toBe('okta')
    })
    it("names the user by the token's sub before preferred_username, as the registry's Okta provider", async () => {
      const res = await rig.validate({ token: await rig.idp.signToken({ ...user, preferred_username: 'bob', aud: CLIENT_ID.okta }) })
      expect(res.headers.get('x-username')).toBe('bob@example.com')
    })
    const bad: [string, () => Promise<string>][] = [
      ['an API audience (the allowlist is empty)', () => rig.idp.signToken({ ...user, aud: 'api://mcp-gateway' })],
      ["Okta's default audience", () => rig.idp.signToken({ ...user, aud: 'api://default' })],
      ['no audience', () => rig.idp.signToken(user)],
      ['the org authorization server as issuer', () => rig.idp.signToken({ ...user, aud: CLIENT_ID.okta }, { issuer: rig.idp.baseUrl })],
      ['another custom authorization server as issuer', () => rig.idp.signToken({ ...user, aud: CLIENT_ID.okta }, { issuer: `${rig.idp.baseUrl}/oauth2/default` })],
      ['expired', () => rig.idp.signToken({ ...user, aud: CLIENT_ID.okta }, { expiresIn: -3600 })],
    ]
    for (const [name, make] of bad)
      it(`rejects ${name} with 401`, async () => {
        const res = await rig.validate({ token: await make() })
        expect(res.status).toBe(401)
        expect(res.headers.get('www-authenticate')).toBe('Bearer')
      })
  })

  describe('Bearer tokens with an audience allowlist and M2M client groups', () => {
    let r: ProviderRig
    beforeAll(async () => {
      r = await startProviderRig('okta', {
        idp: { authServerId: AS },
        env: { OKTA_AUTH_SERVER_ID: AS, OKTA_M2M_ALLOWED_AUDIENCES: 'api://mcp-gateway', OKTA_M2M_CLIENT_ID: '0oa-agent', OKTA_M2M_CLIENT_GROUPS: JSON.stringify({ '0oa-agent': [READERS.okta] }) },
      })
    })
    afterAll(async () => r?.stop())

    it('accepts an allowlisted API audience; other API audiences stay 401', async () => {
      const user = { uid: '00u1', sub: 'bob@example.com', cid: CLIENT_ID.okta, groups: [READERS.okta] }
      expect((await r.validate({ token: await r.idp.signToken({ ...user, aud: 'api://mcp-gateway' }) })).status).toBe(200)
      expect((await r.validate({ token: await r.idp.signToken({ ...user, aud: 'api://other' }) })).status).toBe(401)
    })

    it('gives a client_credentials token without groups the groups of OKTA_M2M_CLIENT_GROUPS, and only to that client', async () => {
      const m2m = (cid: string) => r.idp.signToken({ sub: cid, cid, aud: 'api://mcp-gateway', scp: ['mcp'] })
      const res = await r.validate({ token: await m2m('0oa-agent') })
      expect(res.status).toBe(200)
      expect(res.headers.get('x-client-id')).toBe('0oa-agent')
      expect(res.headers.get('x-groups')).toBe(READERS.okta)
      const other = await r.validate({ token: await m2m('0oa-other') })
      expect(other.status).toBe(403) // authenticated, no groups → no scopes
      // a user token from that client does not inherit the machine groups
      expect((await r.validate({ token: await r.idp.signToken({ uid: '00u2', sub: 'eve@example.com', cid: '0oa-agent', aud: 'api://mcp-gateway' }) })).status).toBe(403)
    })
  })

  it('logs in on the org authorization server when OKTA_AUTH_SERVER_ID is empty', async () => {
    const org = await startProviderRig('okta')
    try {
      const { b, hops } = await org.login([READERS.okta])
      expect(hops[0]!.location!.startsWith(`${org.idp.baseUrl}/oauth2/v1/authorize?`)).toBe(true)
      const res = await org.validate({ browser: b })
      expect(res.status).toBe(200)
      expect(res.headers.get('x-scopes')).toBe('time-readers')
    } finally {
      await org.stop()
    }
  })
})

describe('Okta configuration', () => {
  const base = { AUTH_PROVIDER: 'okta', REGISTRY_URL: REGISTRY, SECRET_KEY: 'x'.repeat(40), OKTA_DOMAIN: 'dev-123456.okta.com', OKTA_CLIENT_ID: 'web', OKTA_CLIENT_SECRET: 's3cr3t-value' }
  const problems = (env: Record<string, string>) => {
    try {
      loadRuntimeConfig(env)
      return ''
    } catch (e) {
      return (e as { problems: string[] }).problems.join('\n')
    }
  }

  it('derives org and custom authorization server URLs', () => {
    const org = PROVIDERS.okta!.endpoints(loadRuntimeConfig(base).okta)
    expect(org).toEqual({ issuers: ['https://dev-123456.okta.com'], authorize: 'https://dev-123456.okta.com/oauth2/v1/authorize', token: 'https://dev-123456.okta.com/oauth2/v1/token', userinfo: 'https://dev-123456.okta.com/oauth2/v1/userinfo', jwks: 'https://dev-123456.okta.com/oauth2/v1/keys', logout: 'https://dev-123456.okta.com/oauth2/v1/logout' })
    const custom = PROVIDERS.okta!.endpoints(loadRuntimeConfig({ ...base, OKTA_AUTH_SERVER_ID: 'default' }).okta)
    expect(custom.issuers).toEqual(['https://dev-123456.okta.com/oauth2/default'])
    expect(custom.jwks).toBe('https://dev-123456.okta.com/oauth2/default/v1/keys')
    expect(loadRuntimeConfig(base).okta).toMatchObject({ m2mClientId: 'web', m2mAllowedAudiences: [], m2mClientGroups: {} })
  })

  it('refuses a domain with a scheme, a bad authorization server id and a malformed client-groups map', () => {
    expect(problems({ ...base, OKTA_DOMAIN: 'https://dev-123456.okta.com' })).toMatch(/OKTA_DOMAIN="https:\/\/dev-123456.okta.com" must be a host name without scheme/)
    expect(problems({ ...base, OKTA_AUTH_SERVER_ID: 'a/b' })).toMatch(/OKTA_AUTH_SERVER_ID="a\/b" must be an authorization server id/)
    expect(problems({ ...base, OKTA_M2M_CLIENT_GROUPS: '{"x": "admins"}' })).toMatch(/OKTA_M2M_CLIENT_GROUPS must be a JSON object of client id → list of group names/)
    expect(problems({ ...base, OKTA_M2M_CLIENT_GROUPS: '{not json' })).toMatch(/OKTA_M2M_CLIENT_GROUPS is not valid JSON/)
  })
})
