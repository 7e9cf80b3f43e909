/**
 * The Cognito doctor against moto_server (started here on a free loopback port): every finding
 * provoked through the SDK and detected, and --fix read back field by field.
 * What moto cannot show (UpdateUserPoolClient's reset of omitted fields) is in update.test.ts.
 */
import { DescribeUserPoolClientCommand, type UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider'
import { afterAll, describe, expect, it } from 'vitest'
import { doctorWith } from '../../src/cli/commands/doctor.js'
import { cognitoSpec, fakeHost, goodClient, makeWorld, type World } from './_world.js'
import { startMoto, type Moto } from './_moto.js'

const started = await startMoto()
if (typeof started === 'string') throw new Error(started) // a missing service fails, with the command to run (never a skip)
const m = started as Moto
afterAll(async () => {
  await m.stop()
})

interface Out {
  code: number
  report: { ok: boolean; findings: { code: string; severity: string; message: string; symptom: string; fix: string }[]; fix?: { applied: boolean; added: string[]; command?: string } }
  text: string
}

async function doctor(spec: string, flags: Record<string, unknown> = {}, sdkRegion: string | null = 'eu-west-1'): Promise<Out> {
  const host = fakeHost({ 'spec.yaml': spec })
  const deps = { cognito: () => ({ sdkRegion: async () => sdkRegion ?? undefined, client: (r: string) => m.client(r) }), fetch }
  const code = await doctorWith(deps)(host, ['spec.yaml'], { format: 'json', ...flags })
  const text = host.out.join('')
  return { code, report: JSON.parse(text), text }
}

const codes = (o: Out): string[] => o.report.findings.map((f) => f.code)
const describeClient = async (w: World): Promise<UserPoolClientType> => (await m.client().send(new DescribeUserPoolClientCommand({ UserPoolId: w.poolId, ClientId: w.clientId }))).UserPoolClient!

describe('regcfg doctor against moto (Cognito)', () => {
  it('a client set up as the guide says has no findings, and the secret is never printed', async () => {
    const w = await makeWorld(m.client())
    const o = await doctor(cognitoSpec(w))
    expect(o.report.findings).toEqual([])
    expect(o.code).toBe(0)
    expect(w.clientSecret).toBeTruthy()
    expect(o.text).not.toContain(w.clientSecret)
  })

  it.each([
    ['RC6003', { GenerateSecret: false }],
    ['RC6004', { AllowedOAuthFlows: ['implicit'] }],
    ['RC6005', { AllowedOAuthScopes: ['openid'] }],
    ['RC6006', { SupportedIdentityProviders: [] }],
    ['RC6007', { AllowedOAuthFlowsUserPoolClient: false }],
    ['RC6010', { CallbackURLs: ['http://localhost:8888/oauth2/callback/cognito'], DefaultRedirectURI: undefined }],
    ['RC6011', { LogoutURLs: ['http://localhost:8888/login'] }],
  ])('%s: a client setting the spec needs is missing', async (code, change) => {
    const w = await makeWorld(m.client(), { client: { ...goodClient(), ...(change as object) } })
    const o = await doctor(cognitoSpec(w))
    expect(codes(o)).toEqual([code])
    expect(o.code).toBe(1)
    const f = o.report.findings[0]!
    expect(f.symptom.length).toBeGreaterThan(20)
    expect(f.fix.length).toBeGreaterThan(20)
  })

  it("RC6011 names the guide's symptom for the forgotten sign-out URL", async () => {
    const w = await makeWorld(m.client(), { client: { ...goodClient(), LogoutURLs: [] } })
    const f = (await doctor(cognitoSpec(w))).report.findings[0]!
    expect(f).toMatchObject({ code: 'RC6011', severity: 'error', message: expect.stringContaining('https://registry.example.com/login') })
    expect(f.symptom).toContain("Required String parameter 'redirect_uri' is not present")
  })

  it('RC6012: a URL on another CloudFront domain is named as the likely cause', async () => {
    const old = 'https://d111abcdef8.cloudfront.net'
    const w = await makeWorld(m.client(), { client: goodClient(old) })
    const o = await doctor(cognitoSpec(w, { registry: 'https://d222ghijk9.cloudfront.net' }))
    expect(codes(o)).toEqual(['RC6010', 'RC6012', 'RC6011', 'RC6012'])
    expect(o.report.findings[1]!.message).toContain('d111abcdef8.cloudfront.net')
    expect(o.report.findings[1]!.symptom).toContain('recreated the CloudFront distribution')
  })

  it('RC6002: the app client does not exist; RC6001: the pool does not exist', async () => {
    const w = await makeWorld(m.client(), { client: null })
    expect(codes(await doctor(cognitoSpec(w)))).toEqual(['RC6002'])
    expect(codes(await doctor(cognitoSpec({ poolId: 'eu-west-1_nosuchpool', clientId: 'x' })))).toEqual(['RC6001'])
  })

  it('RC6020: no hosted UI domain; the pool\'s own prefix is named when it has one', async () => {
    const none = await makeWorld(m.client(), { domain: null })
    const o = await doctor(cognitoSpec(none))
    expect(codes(o)).toEqual(['RC6020'])
    expect(o.report.findings[0]!.fix).toContain(`create-user-pool-domain --user-pool-id ${none.poolId}`)
    const custom = await makeWorld(m.client(), { domain: 'registry-login-x1' })
    const o2 = await doctor(cognitoSpec(custom))
    expect(o2.report.findings[0]!.message).toContain("the pool's domain prefix is registry-login-x1")
    expect(codes(await doctor(cognitoSpec(custom, { domain: 'registry-login-x1' })))).toEqual([])
  })

  it('RC6021: the hosted UI domain belongs to another pool', async () => {
    await makeWorld(m.client(), { domain: 'shared-prefix-1' })
    const w = await makeWorld(m.client(), { domain: null })
    expect(codes(await doctor(cognitoSpec(w, { domain: 'shared-prefix-1' })))).toEqual(['RC6021'])
  })

  it('RC6030 / RC6031: registry-admins (error) and the spec\'s other groups (warning) must exist', async () => {
    const w = await makeWorld(m.client(), { groups: ['public-mcp-users'] })
    const o = await doctor(cognitoSpec(w, { groups: ['public-mcp-users', 'ops-team'] }))
    expect(o.report.findings.map((f) => [f.code, f.severity])).toEqual([
      ['RC6030', 'error'],
      ['RC6031', 'warning'],
    ])
    expect(o.report.findings[1]!.message).toContain('ops-team')
  })

  it('RC6032: users stuck in FORCE_CHANGE_PASSWORD are listed (ListUsers filter on cognito:user_status)', async () => {
    const w = await makeWorld(m.client(), { users: [{ name: 'admin@example.com', permanent: true }, { name: 'new@example.com', permanent: false }] })
    const o = await doctor(cognitoSpec(w))
    expect(codes(o)).toEqual(['RC6032'])
    expect(o.report.findings[0]!.message).toBe('1 user(s) in FORCE_CHANGE_PASSWORD: new@example.com')
  })

  it('RC6050: the SDK region is not the pool\'s; doctor still checks the pool in its own region', async () => {
    const w = await makeWorld(m.client())
    expect(codes(await doctor(cognitoSpec(w), {}, 'us-east-1'))).toEqual(['RC6050'])
    const o = await doctor(cognitoSpec(w), {}, null)
    expect(codes(o)).toEqual(['RC6051'])
    expect(o.code).toBe(0)
  })

  it('--fix merges the missing URLs and settings, keeps every other URL and setting, and reads back clean', async () => {
    const broken = { ...goodClient(), CallbackURLs: ['http://localhost:8888/oauth2/callback/cognito', 'https://staging.example.com/oauth2/callback/cognito'], LogoutURLs: ['https://staging.example.com/login'], AllowedOAuthScopes: ['openid', 'aws.cognito.signin.user.admin'], AllowedOAuthFlowsUserPoolClient: false }
    const w = await makeWorld(m.client(), { client: broken })
    const before = await describeClient(w)
    const o = await doctor(cognitoSpec(w), { fix: true })
    expect(o.report.fix).toMatchObject({ applied: true })
    expect(o.report.findings).toEqual([])
    expect(o.code).toBe(0)
    const after = await describeClient(w)
    expect(after.CallbackURLs).toEqual([...before.CallbackURLs!, 'https://registry.example.com/oauth2/callback/cognito'])
    expect(after.LogoutURLs).toEqual(['https://staging.example.com/login', 'https://registry.example.com/login'])
    expect(after.AllowedOAuthScopes).toEqual(['openid', 'aws.cognito.signin.user.admin', 'email', 'profile'])
    const changed = new Set(['CallbackURLs', 'LogoutURLs', 'AllowedOAuthScopes', 'AllowedOAuthFlowsUserPoolClient'])
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) if (!changed.has(k)) expect([k, (after as Record<string, unknown>)[k]]).toEqual([k, (before as Record<string, unknown>)[k]])
    expect(after.AllowedOAuthFlowsUserPoolClient).toBe(true)
    expect(o.text).not.toContain(w.clientSecret)
    const again = await doctor(cognitoSpec(w), { fix: true })
    expect(again.report.fix).toMatchObject({ applied: false, added: [] })
  })

  it('--dry-run prints the change and the aws command and writes nothing', async () => {
    const w = await makeWorld(m.client(), { client: { ...goodClient(), LogoutURLs: ['http://localhost:8888/login'] } })
    const before = await describeClient(w)
    const o = await doctor(cognitoSpec(w), { 'dry-run': true })
    expect(o.report.fix).toMatchObject({ applied: false, added: ['LogoutURLs += https://registry.example.com/login'] })
    expect(o.report.fix!.command).toContain("--logout-urls http://localhost:8888/login https://registry.example.com/login")
    expect(o.report.fix!.command).toContain('--token-validity-units \'{"AccessToken":"minutes","IdToken":"minutes","RefreshToken":"days"}\'')
    expect(o.report.fix!.command).not.toContain(w.clientSecret)
    expect(codes(o)).toEqual(['RC6011'])
    expect(await describeClient(w)).toEqual(before)
  })

  it('text output names each finding with symptom and fix', async () => {
    const w = await makeWorld(m.client(), { client: { ...goodClient(), LogoutURLs: [] } })
    const host = fakeHost({ 'spec.yaml': cognitoSpec(w) })
    const deps = { cognito: () => ({ sdkRegion: async () => 'eu-west-1', client: (r: string) => m.client(r) }), fetch }
    expect(await doctorWith(deps)(host, ['spec.yaml'], { format: 'text' })).toBe(1)
    const text = host.out.join('')
    expect(text).toContain('error RC6011: sign-out URL https://registry.example.com/login')
    expect(text).toContain('  symptom: Login works, but logout lands on a Cognito error page')
    expect(text).toContain('  fix: Add https://registry.example.com/login')
    expect(text).toContain('1 error(s), 0 warning(s)')
  })
})
