import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockIdp, type MockIdp } from '../../../conformance/harness/oidc.js'

/** A mock Okta with a custom authorization server also serves the org one, as a real Okta org does. */
describe('mock Okta with a custom authorization server', () => {
  let idp: MockIdp
  beforeAll(async () => {
    idp = await startMockIdp({ shape: 'okta', clientId: 'web', clientSecret: 's3cr3t', redirectUris: ['https://registry.example.com/oauth2/callback/okta'], authServerId: 'aus1test' })
  })
  afterAll(async () => idp?.stop())

  const discovery = async (path: string) => (await (await fetch(`${idp.baseUrl}${path}/.well-known/openid-configuration`)).json()) as Record<string, string>
  const kids = async (url: string) => ((await (await fetch(url)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid)

  it('serves both: the custom AS below /oauth2/<id> (the mock\'s issuer), the org AS at the root with its own issuer, endpoints and key', async () => {
    const custom = await discovery('/oauth2/aus1test')
    const org = await discovery('')
    expect(custom.issuer).toBe(`${idp.baseUrl}/oauth2/aus1test`)
    expect(idp.issuer).toBe(custom.issuer)
    expect(custom.authorization_endpoint).toBe(`${idp.baseUrl}/oauth2/aus1test/v1/authorize`)
    expect(org.issuer).toBe(idp.baseUrl)
    expect(org.authorization_endpoint).toBe(`${idp.baseUrl}/oauth2/v1/authorize`)
    expect(org.token_endpoint).toBe(`${idp.baseUrl}/oauth2/v1/token`)
    const [orgKids, customKids] = [await kids(`${idp.baseUrl}/oauth2/v1/keys`), await kids(idp.jwksUri)]
    expect(orgKids).toHaveLength(1)
    expect(customKids).not.toContain(orgKids[0])
  })

  it('sends an org AS login to its own interaction, and a path of neither is 404', async () => {
    const q = new URLSearchParams({ client_id: 'web', response_type: 'code', scope: 'openid', redirect_uri: 'https://registry.example.com/oauth2/callback/okta', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', state: 's', nonce: 'n' })
    const res = await fetch(`${idp.baseUrl}/oauth2/v1/authorize?${q}`, { redirect: 'manual' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toMatch(/^\/interaction\//)
    expect((await fetch(`${idp.baseUrl}/oauth2/aus1testX/v1/keys`)).status).toBe(404)
  })
})
