import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMongo, type MongoServer } from '../../conformance/harness/mongo.js'
import { loadRuntimeConfig } from '../../src/runtime/config.js'
import { PROVIDERS } from '../../src/runtime/providers/index.js'
import { REGISTRY } from './_setup.js'
import { browserLoginSuite, CLIENT_ID, READERS, scopeDocs, seedScopes, startProviderRig, type ProviderRig } from './providers-rig.js'

describe('PingFederate', () => {
  let mongo: MongoServer
  let rig: ProviderRig
  beforeAll(async () => {
    mongo = await startMongo({ log: () => {} })
    await seedScopes(mongo.uri, 'pingfederate', scopeDocs('pingfederate'))
    rig = await startProviderRig('pingfederate', { mongo: { uri: mongo.uri, namespace: 'pingfederate' } })
  })
  afterAll(async () => {
    await rig?.stop()
    await mongo?.stop()
  })

  browserLoginSuite(() => rig, {
    authorizeUrl: () => `${rig.idp.baseUrl}/as/authorization.oauth2`,
    // OIDC RP-initiated logout; upstream's startSLO.ping + logout_uri is the adapter SLO endpoint, which ignores both
    logout: { path: '/idp/init_logout.openid', params: { client_id: CLIENT_ID.pingfederate, post_logout_redirect_uri: `${REGISTRY}/login` }, absent: ['logout_uri', 'returnTo', 'TargetResource', 'id_token_hint'], idpAnswers: 302 },
  })

  it('sends the browser to the external URL and calls token and JWKS on the base URL', async () => {
    const before = rig.idp.internalRequests.length
    const { hops } = await rig.login([READERS.pingfederate])
    expect(hops.every((h) => !h.url.startsWith(rig.idp.internalUrl!))).toBe(true)
    const internal = rig.idp.internalRequests.slice(before)
    expect(internal).toContain('/as/token.oauth2')
    expect(internal.every((p) => p === '/as/token.oauth2' || p === '/pf/JWKS')).toBe(true)
  })

  describe('Bearer tokens (no application id URI, no allowlist: fail closed)', () => {
    const user = { sub: 'u1', preferred_username: 'bob', client_id: CLIENT_ID.pingfederate, groups: [READERS.pingfederate] }
    it('accepts a token for the client; issuer = the external URL', async () => {
      const res = await rig.validate({ token: await rig.idp.signToken({ ...user, aud: CLIENT_ID.pingfederate }) })
      expect(res.status).toBe(200)
      expect(res.headers.get('x-username')).toBe('u1') // a Bearer token's subject, as auth_server/providers/pingfederate.py reads it
      expect(res.headers.get('x-auth-method')).toBe('pingfederate')
    })
    const bad: [string, () => Promise<string>][] = [
      ['for a resource that is not allowlisted', () => rig.idp.signToken({ ...user, aud: 'https://mcp-gateway/api' })],
      ['without an audience', () => rig.idp.signToken(user)],
      ['whose issuer is the internal base URL', () => rig.idp.signToken({ ...user, aud: CLIENT_ID.pingfederate }, { issuer: rig.idp.internalUrl! })],
      ['expired', () => rig.idp.signToken({ ...user, aud: CLIENT_ID.pingfederate }, { expiresIn: -3600 })],
    ]
    for (const [name, make] of bad)
      it(`rejects a token ${name} with 401`, async () => {
        const res = await rig.validate({ token: await make() })
        expect(res.status).toBe(401)
        expect(res.headers.get('www-authenticate')).toBe('Bearer')
      })
  })

  it('accepts PINGFEDERATE_APPLICATION_ID_URI and the M2M allowlist; reads PINGFEDERATE_GROUPS_CLAIM', async () => {
    const r = await startProviderRig('pingfederate', {
      idp: { groupsClaim: 'memberOf' },
      env: { PINGFEDERATE_APPLICATION_ID_URI: 'urn:mcp-gateway', PINGFEDERATE_M2M_ALLOWED_AUDIENCES: 'urn:agents,urn:tools', PINGFEDERATE_GROUPS_CLAIM: 'memberOf', PINGFEDERATE_M2M_CLIENT_ID: 'agent-1' },
    })
    try {
      const claims = { sub: 'agent-1', client_id: 'agent-1', memberOf: [READERS.pingfederate] }
      for (const aud of ['urn:mcp-gateway', 'urn:agents', 'urn:tools', 'agent-1', CLIENT_ID.pingfederate]) expect((await r.validate({ token: await r.idp.signToken({ ...claims, aud }) })).status, aud).toBe(200)
      expect((await r.validate({ token: await r.idp.signToken({ ...claims, aud: 'urn:other' }) })).status).toBe(401)
      const res = await r.validate({ token: await r.idp.signToken({ ...claims, aud: 'urn:agents' }) })
      expect(res.headers.get('x-client-id')).toBe('agent-1')
      expect(res.headers.get('x-groups')).toBe(READERS.pingfederate)
      const { b } = await r.login([READERS.pingfederate])
      expect((await r.validate({ browser: b })).headers.get('x-scopes')).toBe('time-readers')
    } finally {
      await r.stop()
    }
  })
})

describe('PingFederate configuration', () => {
  const base = { AUTH_PROVIDER: 'pingfederate', REGISTRY_URL: REGISTRY, SECRET_KEY: 'x'.repeat(40), PINGFEDERATE_BASE_URL: 'https://pf.internal:9031', PINGFEDERATE_EXTERNAL_URL: 'https://sso.example.com', PINGFEDERATE_CLIENT_ID: 'mcp-gateway', PINGFEDERATE_CLIENT_SECRET: 's3cr3t-value' }
  it('puts browser URLs on the external URL and server-to-server URLs on the base URL', () => {
    expect(PROVIDERS.pingfederate!.endpoints(loadRuntimeConfig(base).pingfederate)).toEqual({
      issuers: ['https://sso.example.com'],
      authorize: 'https://sso.example.com/as/authorization.oauth2',
      token: 'https://pf.internal:9031/as/token.oauth2',
      userinfo: 'https://pf.internal:9031/idp/userinfo.openid',
      jwks: 'https://pf.internal:9031/pf/JWKS',
      logout: 'https://sso.example.com/idp/init_logout.openid',
    })
  })
  it('needs both URLs, without a trailing slash', () => {
    const run = (env: Record<string, string>) => {
      try {
        loadRuntimeConfig(env)
        return ''
      } catch (e) {
        return (e as { problems: string[] }).problems.join('\n')
      }
    }
    expect(run({ ...base, PINGFEDERATE_EXTERNAL_URL: '' })).toMatch(/PINGFEDERATE_EXTERNAL_URL is required/)
    expect(run({ ...base, PINGFEDERATE_BASE_URL: 'https://pf.internal:9031/' })).toMatch(/PINGFEDERATE_BASE_URL=.*trailing slash/)
  })
})
