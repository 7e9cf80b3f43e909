import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMongo, type MongoServer } from '../../conformance/harness/mongo.js'
import { loadRuntimeConfig } from '../../src/runtime/config.js'
import { PROVIDERS } from '../../src/runtime/providers/index.js'
import { REGISTRY } from './_setup.js'
import { browserLoginSuite, CLIENT_ID, READERS, scopeDocs, seedScopes, startProviderRig, type ProviderRig } from './providers-rig.js'

const GROUPS = 'https://mcp-gateway/groups'
const API = 'https://mcp-gateway/api'

describe('Auth0', () => {
  let mongo: MongoServer
  let rig: ProviderRig
  beforeAll(async () => {
    mongo = await startMongo({ log: () => {} })
    await seedScopes(mongo.uri, 'auth0', scopeDocs('auth0'))
    rig = await startProviderRig('auth0', { mongo: { uri: mongo.uri, namespace: 'auth0' }, env: { AUTH0_AUDIENCE: API, AUTH0_M2M_CLIENT_GROUPS: JSON.stringify({ 'agent-client': [READERS.auth0] }) } })
  })
  afterAll(async () => {
    await rig?.stop()
    await mongo?.stop()
  })

  browserLoginSuite(() => rig, {
    authorizeUrl: () => `${rig.idp.baseUrl}/authorize`,
    // upstream sends client_id + logout_uri, which Auth0 ignores (the user lands on Auth0's default page)
    logout: { path: '/v2/logout', params: { client_id: CLIENT_ID.auth0, returnTo: `${REGISTRY}/login` }, absent: ['logout_uri', 'post_logout_redirect_uri', 'id_token_hint'], idpAnswers: 302 },
  })

  it('takes the username from nickname and the groups from the namespaced claim', async () => {
    const { b } = await rig.login([READERS.auth0], 'carol')
    const res = await rig.validate({ browser: b })
    expect(res.headers.get('x-username')).toBe('carol')
    expect(res.headers.get('x-groups')).toBe(READERS.auth0)
  })

  describe('Bearer tokens', () => {
    const user = { sub: 'auth0|u1', azp: CLIENT_ID.auth0, [GROUPS]: [READERS.auth0] }
    it('accepts AUTH0_AUDIENCE among several audiences, and the client id', async () => {
      const res = await rig.validate({ token: await rig.idp.signToken({ ...user, aud: [API, `${rig.idp.baseUrl}/userinfo`] }) })
      expect(res.status).toBe(200)
      expect(res.headers.get('x-username')).toBe('auth0|u1')
      expect(res.headers.get('x-auth-method')).toBe('auth0')
      expect((await rig.validate({ token: await rig.idp.signToken({ ...user, aud: CLIENT_ID.auth0, nickname: 'dan' }) })).headers.get('x-username')).toBe('dan')
    })

    it('gives a client_credentials token the groups of AUTH0_M2M_CLIENT_GROUPS, and only to that client', async () => {
      const m2m = (c: string) => rig.idp.signToken({ sub: `${c}@clients`, azp: c, gty: 'client-credentials', aud: API })
      const res = await rig.validate({ token: await m2m('agent-client') })
      expect(res.status).toBe(200)
      expect(res.headers.get('x-client-id')).toBe('agent-client')
      expect(res.headers.get('x-scopes')).toBe('time-readers')
      expect((await rig.validate({ token: await m2m('other-client') })).status).toBe(403)
    })

    const bad: [string, () => Promise<string>][] = [
      ['for the Management API', () => rig.idp.signToken({ ...user, aud: `${rig.idp.baseUrl}/api/v2/` })],
      ['for only /userinfo', () => rig.idp.signToken({ ...user, aud: `${rig.idp.baseUrl}/userinfo` })],
      ['for another API', () => rig.idp.signToken({ ...user, aud: 'https://other/api' })],
      ['with the issuer missing its trailing slash', () => rig.idp.signToken({ ...user, aud: API }, { issuer: rig.idp.baseUrl })],
      ['from another tenant', () => rig.idp.signToken({ ...user, aud: API }, { issuer: 'https://other-tenant.us.auth0.com/' })],
      ['expired', () => rig.idp.signToken({ ...user, aud: API }, { expiresIn: -3600 })],
    ]
    for (const [name, make] of bad)
      it(`rejects a token ${name} with 401`, async () => {
        const res = await rig.validate({ token: await make() })
        expect(res.status).toBe(401)
        expect(res.headers.get('www-authenticate')).toBe('Bearer')
      })
  })

  it('reads the groups from AUTH0_GROUPS_CLAIM when it is set, and nothing from the default claim then', async () => {
    const r = await startProviderRig('auth0', { idp: { groupsClaim: 'https://example.org/roles' }, env: { AUTH0_GROUPS_CLAIM: 'https://example.org/roles' } })
    try {
      const { b } = await r.login([READERS.auth0])
      const res = await r.validate({ browser: b })
      expect(res.status).toBe(200)
      expect(res.headers.get('x-groups')).toBe(READERS.auth0)
      const t = await r.idp.signToken({ sub: 'auth0|u2', aud: CLIENT_ID.auth0, [GROUPS]: [READERS.auth0] })
      expect((await r.validate({ token: t })).status).toBe(403)
    } finally {
      await r.stop()
    }
  })
})

describe('Auth0 configuration', () => {
  const base = { AUTH_PROVIDER: 'auth0', REGISTRY_URL: REGISTRY, SECRET_KEY: 'x'.repeat(40), AUTH0_DOMAIN: 'tenant.us.auth0.com', AUTH0_CLIENT_ID: 'web', AUTH0_CLIENT_SECRET: 's3cr3t-value' }
  it('derives the URLs (issuer with the trailing slash) and the default groups claim; the audience defaults to the client id only', () => {
    const c = loadRuntimeConfig(base).auth0!
    expect(c).toEqual({ domain: 'tenant.us.auth0.com', clientId: 'web', clientSecret: 's3cr3t-value', groupsClaim: GROUPS, m2mClientGroups: {} })
    expect(PROVIDERS.auth0!.endpoints(c)).toEqual({ issuers: ['https://tenant.us.auth0.com/'], authorize: 'https://tenant.us.auth0.com/authorize', token: 'https://tenant.us.auth0.com/oauth/token', userinfo: 'https://tenant.us.auth0.com/userinfo', jwks: 'https://tenant.us.auth0.com/.well-known/jwks.json', logout: 'https://tenant.us.auth0.com/v2/logout' })
  })
  it('refuses a domain with a scheme or a trailing slash', () => {
    expect(() => loadRuntimeConfig({ ...base, AUTH0_DOMAIN: 'tenant.us.auth0.com/' })).toThrow(/AUTH0_DOMAIN="tenant.us.auth0.com\/" must be a host name/)
  })
})
