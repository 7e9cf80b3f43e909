import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMongo, type MongoServer } from '../../conformance/harness/mongo.js'
import { ENTRA_MOCK_TENANT } from '../../conformance/harness/oidc.js'
import { loadRuntimeConfig } from '../../src/runtime/config.js'
import { PROVIDERS } from '../../src/runtime/providers/index.js'
import type { EntraConfig } from '../../src/runtime/providers/entra.js'
import { REGISTRY } from './_setup.js'
import { browserLoginSuite, CLIENT_ID, READERS, scopeDocs, seedScopes, startProviderRig, type ProviderRig } from './providers-rig.js'

describe('Entra ID', () => {
  let mongo: MongoServer
  let rig: ProviderRig
  beforeAll(async () => {
    mongo = await startMongo({ log: () => {} })
    await seedScopes(mongo.uri, 'entra', scopeDocs('entra'))
    rig = await startProviderRig('entra', { mongo: { uri: mongo.uri, namespace: 'entra' } })
  })
  afterAll(async () => {
    await rig?.stop()
    await mongo?.stop()
  })

  browserLoginSuite(() => rig, {
    authorizeUrl: () => `${rig.idp.baseUrl}/${ENTRA_MOCK_TENANT}/oauth2/v2.0/authorize`,
    logout: { path: `/${ENTRA_MOCK_TENANT}/oauth2/v2.0/logout`, params: { post_logout_redirect_uri: `${REGISTRY}/login` }, absent: ['client_id', 'logout_uri', 'returnTo', 'id_token_hint'], idpAnswers: 200 },
  })

  it('passes an id_token_hint through to logout only while the URL stays within 2000 characters', async () => {
    const short = await rig.idp.signToken({ aud: CLIENT_ID.entra, preferred_username: 'alice' })
    const long = await rig.idp.signToken({ aud: CLIENT_ID.entra, preferred_username: 'alice', groups: Array.from({ length: 60 }, (_, i) => `0000000${i}-aaaa-4bbb-8ccc-dddddddddddd`) })
    const loc = async (hint: string) => new URL((await fetch(`${rig.auth.url}/oauth2/logout/entra?id_token_hint=${hint}`, { redirect: 'manual' })).headers.get('location')!)
    expect((await loc(short)).searchParams.get('id_token_hint')).toBe(short)
    expect(long.length).toBeGreaterThan(2000)
    const u = await loc(long)
    expect(u.searchParams.has('id_token_hint')).toBe(false)
    expect(u.searchParams.get('post_logout_redirect_uri')).toBe(`${REGISTRY}/login`)
    expect((await loc('not-a-jwt')).searchParams.has('id_token_hint')).toBe(false)
  })

  describe('Bearer tokens', () => {
    const user = { preferred_username: 'bob', groups: [READERS.entra], tid: ENTRA_MOCK_TENANT }
    const v1 = `https://sts.windows.net/${ENTRA_MOCK_TENANT}/`
    const ok: [string, () => Promise<string>][] = [
      ['v2, aud = client id', () => rig.idp.signToken({ ...user, aud: CLIENT_ID.entra })],
      ['v2, aud = api://<client id>', () => rig.idp.signToken({ ...user, aud: `api://${CLIENT_ID.entra}` })],
      ['v1 (sts.windows.net issuer), aud = api://<client id>', () => rig.idp.signToken({ upn: 'bob', groups: [READERS.entra], aud: `api://${CLIENT_ID.entra}` }, { issuer: v1 })],
    ]
    for (const [name, make] of ok)
      it(`accepts ${name}`, async () => {
        const res = await rig.validate({ token: await make() })
        expect(res.status).toBe(200)
        expect(res.headers.get('x-username')).toBe('bob')
        expect(res.headers.get('x-scopes')).toBe('time-readers')
        expect(res.headers.get('x-auth-method')).toBe('entra')
      })

    const bad: [string, () => Promise<string>][] = [
      ['from another tenant (issuer)', () => rig.idp.signToken({ ...user, aud: CLIENT_ID.entra }, { issuer: `${rig.idp.baseUrl}/11111111-2222-4333-8444-555555555555/v2.0` })],
      ['v1 issuer of another tenant', () => rig.idp.signToken({ ...user, aud: CLIENT_ID.entra }, { issuer: 'https://sts.windows.net/11111111-2222-4333-8444-555555555555/' })],
      ['for another audience', () => rig.idp.signToken({ ...user, aud: 'api://someone-else' })],
      ['for Microsoft Graph', () => rig.idp.signToken({ ...user, aud: '00000003-0000-0000-c000-000000000000' })],
      ['without an audience', () => rig.idp.signToken(user)],
      ['with a tid of another tenant', () => rig.idp.signToken({ ...user, tid: '11111111-2222-4333-8444-555555555555', aud: CLIENT_ID.entra })],
      ['expired', () => rig.idp.signToken({ ...user, aud: CLIENT_ID.entra }, { expiresIn: -3600 })],
      ['signed by a key the JWKS does not serve', () => rig.idp.signToken({ ...user, aud: CLIENT_ID.entra }, { unpublished: true })],
    ]
    for (const [name, make] of bad)
      it(`rejects a token ${name} with 401`, async () => {
        const res = await rig.validate({ token: await make() })
        expect(res.status).toBe(401)
        expect(res.headers.get('www-authenticate')).toBe('Bearer')
      })
  })

  it('accepts a configured Application ID URI as audience (and still api://<client id>)', async () => {
    const r = await startProviderRig('entra', { env: { ENTRA_APPLICATION_ID_URI: 'https://registry.example.com/api' } })
    try {
      const claims = { preferred_username: 'bob', groups: [READERS.entra] }
      expect((await r.validate({ token: await r.idp.signToken({ ...claims, aud: 'https://registry.example.com/api' }) })).status).toBe(200)
      expect((await r.validate({ token: await r.idp.signToken({ ...claims, aud: `api://${CLIENT_ID.entra}` }) })).status).toBe(200)
      expect((await r.validate({ token: await r.idp.signToken({ ...claims, aud: 'https://registry.example.com/other' }) })).status).toBe(401)
    } finally {
      await r.stop()
    }
  })
})

describe('Entra configuration', () => {
  const base = { AUTH_PROVIDER: 'entra', REGISTRY_URL: REGISTRY, SECRET_KEY: 'x'.repeat(40), ENTRA_TENANT_ID: ENTRA_MOCK_TENANT, ENTRA_CLIENT_ID: 'c', ENTRA_CLIENT_SECRET: 's3cr3t-value' }
  const problems = (env: Record<string, string>) => {
    try {
      loadRuntimeConfig(env)
      return ''
    } catch (e) {
      return (e as { problems: string[] }).problems.join('\n')
    }
  }

  it('derives the public-cloud URLs by default and the sovereign ones from ENTRA_LOGIN_BASE_URL (a container-only name)', () => {
    const c = loadRuntimeConfig(base).entra!
    expect(c).toEqual({ tenantId: ENTRA_MOCK_TENANT, clientId: 'c', clientSecret: 's3cr3t-value', loginBaseUrl: 'https://login.microsoftonline.com', graphBaseUrl: 'https://graph.microsoft.com', applicationIdUri: 'api://c' })
    const e = PROVIDERS.entra!.endpoints(c)
    expect(e.issuers).toEqual([`https://login.microsoftonline.com/${ENTRA_MOCK_TENANT}/v2.0`, `https://sts.windows.net/${ENTRA_MOCK_TENANT}/`])
    expect(e.jwks).toBe(`https://login.microsoftonline.com/${ENTRA_MOCK_TENANT}/discovery/v2.0/keys`)
    expect(e.userinfo).toBe('https://graph.microsoft.com/oidc/userinfo')
    const us = loadRuntimeConfig({ ...base, ENTRA_LOGIN_BASE_URL: 'https://login.microsoftonline.us' }).entra as EntraConfig
    expect(us.graphBaseUrl).toBe('https://graph.microsoft.us')
    expect(PROVIDERS.entra!.endpoints(us).authorize).toBe(`https://login.microsoftonline.us/${ENTRA_MOCK_TENANT}/oauth2/v2.0/authorize`)
  })

  it('refuses what would fail every token later: a multi-tenant alias, a domain name, a bad login base', () => {
    expect(problems({ ...base, ENTRA_TENANT_ID: 'common' })).toMatch(/ENTRA_TENANT_ID=common is a multi-tenant alias/)
    expect(problems({ ...base, ENTRA_TENANT_ID: 'contoso.onmicrosoft.com' })).toMatch(/must be the directory \(tenant\) id, a GUID/)
    expect(problems({ ...base, ENTRA_LOGIN_BASE_URL: 'https://login.microsoftonline.com/' })).toMatch(/ENTRA_LOGIN_BASE_URL=.*trailing slash/)
    expect(problems({ ...base, ENTRA_CLIENT_SECRET: '' })).toMatch(/ENTRA_CLIENT_SECRET is required when AUTH_PROVIDER=entra/)
    expect(problems({ ...base, ENTRA_CLIENT_SECRET: '' })).not.toContain('s3cr3t')
  })
})
