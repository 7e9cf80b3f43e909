import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hostileTokens } from './_hostile-tokens.js'
import { mcpHeaders, startRig, type Rig } from './_setup.js'

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')

async function validate(rig: Rig, token: string) {
  const res = await fetch(`${rig.auth.url}/validate`, { headers: { authorization: `Bearer ${token}`, ...mcpHeaders('currenttime', 'tools/list') } })
  return { status: res.status, body: res.status === 200 ? {} : ((await res.json()) as { error: string }), headers: res.headers }
}

describe('Bearer tokens, Cognito shape', () => {
  let rig: Rig
  const access = { token_use: 'access', client_id: 'mock-web-client', username: 'bob', 'cognito:groups': ['readers'], scope: 'openid' }
  beforeAll(async () => {
    rig = await startRig('cognito')
  })
  afterAll(async () => rig?.stop())

  it('accepts an access token (no aud) whose client_id is on the allowlist', async () => {
    const r = await validate(rig, await rig.idp.signToken(access))
    expect(r.status).toBe(200)
    expect(r.headers.get('x-auth-method')).toBe('cognito')
    expect(r.headers.get('x-client-id')).toBe('mock-web-client')
    expect(r.headers.get('x-scopes')).toBe('time-readers')
  })

  it('accepts an ID token with aud = the web client', async () => {
    const r = await validate(rig, await rig.idp.signToken({ token_use: 'id', aud: 'mock-web-client', 'cognito:username': 'bob', 'cognito:groups': ['readers'] }))
    expect(r.status).toBe(200)
  })

  // the Cognito row's own rules; the JWS and claim rules are the hostile-token table's (below)
  const bad: [string, (rig: Rig) => Promise<string>][] = [
    ['client_id not on the allowlist', (rig) => rig.idp.signToken({ ...access, client_id: 'someone-else' })],
    ['ID token for another audience', (rig) => rig.idp.signToken({ token_use: 'id', aud: 'someone-else', 'cognito:groups': ['readers'] })],
    ['no token_use', (rig) => rig.idp.signToken({ client_id: 'mock-web-client' })],
    ['HS256 signed with the public key by jose', async (rig) => new SignJWT(access).setProtectedHeader({ alg: 'HS256' }).setIssuer(rig.idp.issuer).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(await rig.idp.publicKeyPem()))],
  ]
  for (const [name, make] of bad) {
    it(`rejects a token that is ${name}: 401 with WWW-Authenticate, never 500`, async () => {
      const r = await validate(rig, await make(rig))
      expect(r.status).toBe(401)
      expect(r.headers.get('www-authenticate')).toBe('Bearer')
      expect((r.body as { detail?: string }).detail).toBe('Token validation failed')
    })
  }

  it('answers the hostile-token table (the one jws-rs256.ts is held to jose with): 200 for what jose accepts, else 401, never 500', async () => {
    const signer = { ...rig.idp.currentKey(), issuer: rig.idp.issuer, claims: access, publicPem: await rig.idp.publicKeyPem() }
    for (const t of hostileTokens(signer).filter((t) => t.audience === undefined)) {
      const r = await validate(rig, t.token)
      expect(r.status, t.name).toBe(t.accepted ? 200 : 401)
      if (!t.accepted) expect(r.headers.get('www-authenticate'), t.name).toBe('Bearer')
    }
  })

  it('answers 401 without any credential', async () => {
    const res = await fetch(`${rig.auth.url}/validate`, { headers: mcpHeaders('currenttime', 'tools/list') })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer')
  })

  it('fails closed on bodies it cannot inspect (413) or parse (400)', async () => {
    const token = await rig.idp.signToken(access)
    const headers = { authorization: `Bearer ${token}`, 'x-original-url': 'https://registry.example.com/currenttime/mcp' }
    expect((await fetch(`${rig.auth.url}/validate`, { headers: { ...headers, 'x-body-uninspectable': '1' } })).status).toBe(413)
    expect((await fetch(`${rig.auth.url}/validate`, { headers: { ...headers, 'x-body': '{not json' } })).status).toBe(400)
  })
})

describe('Bearer tokens, Keycloak shape', () => {
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig('keycloak')
  })
  afterAll(async () => rig?.stop())

  it('accepts aud mcp-gateway and rejects aud account (Keycloak default)', async () => {
    const claims = { preferred_username: 'carol', groups: ['readers'], azp: 'agent-1' }
    expect((await validate(rig, await rig.idp.signToken({ ...claims, aud: 'mcp-gateway' }))).status).toBe(200)
    expect((await validate(rig, await rig.idp.signToken({ ...claims, aud: 'account' }))).status).toBe(401)
  })
})

describe('JWKS key rotation', () => {
  let rig: Rig
  const claims = { preferred_username: 'dave', groups: ['readers'], aud: 'mcp-gateway-web' }
  beforeAll(async () => {
    rig = await startRig('keycloak', { jwks: { cooldownMs: 4_000 } })
  })
  afterAll(async () => rig?.stop())

  it('fetches the new kid once the cooldown has passed, and not before (rate limit)', async () => {
    expect((await validate(rig, await rig.idp.signToken(claims))).status).toBe(200)
    const warm = rig.idp.jwksFetches
    expect(warm).toBe(1)
    const kid = await rig.idp.rotateKey()
    const rotated = await rig.idp.signToken(claims, { kid })
    expect((await validate(rig, rotated)).status).toBe(401) // within the cooldown: no refetch
    expect(rig.idp.jwksFetches).toBe(warm)
    await new Promise((r) => setTimeout(r, 4_200)) // a cooldown long enough that the two checks after the refetch fall inside it on a loaded machine
    expect((await validate(rig, rotated)).status).toBe(200)
    expect(rig.idp.jwksFetches).toBe(warm + 1)
    expect((await validate(rig, await rig.idp.signToken(claims, { unpublished: true }))).status).toBe(401)
    expect((await validate(rig, await rig.idp.signToken(claims, { unpublished: true }))).status).toBe(401)
    expect(rig.idp.jwksFetches).toBe(warm + 1) // unknown kids within the cooldown cause no fetch
  })
})
