/**
 * The permission probe against moto with IAM enforcement on (INITIAL_NO_AUTH_ACTION_COUNT: the first
 * N requests, the setup, are not checked; every later one is signed and checked against the policy).
 * moto answers a denial with an XML 403 where Cognito sends AccessDeniedException; both count as denied.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { doctorWith } from '../../src/cli/commands/doctor.js'
import { isAccessDenied } from '../../src/doctor/cognito/fetch.js'
import { cognitoSpec, fakeHost, makeWorld } from './_world.js'
import { startMoto, type Moto } from './_moto.js'

/** CreateUserPool, CreateUserPoolDomain, 2 × CreateGroup, CreateUserPoolClient; IAM CreateUser, CreateAccessKey, PutUserPolicy. */
const SETUP_CALLS = 8
const started = await startMoto({ INITIAL_NO_AUTH_ACTION_COUNT: String(SETUP_CALLS) })
if (typeof started === 'string') throw new Error(started) // a missing service fails, with the command to run (never a skip)
const m = started as Moto
afterAll(async () => {
  await m.stop()
})

/** IAM's query API; during setup moto only reads the service name from the credential scope. */
async function iam(params: Record<string, string>): Promise<string> {
  const r = await fetch(`${m.endpoint}/`, {
    method: 'POST',
    body: new URLSearchParams({ ...params, Version: '2010-05-08' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0' },
  })
  return r.text()
}

describe('regcfg doctor: IAM permissions (moto with IAM enforcement)', () => {
  it('RC6040 names each missing cognito-idp permission the IAM pages need; allowed reads still check', async () => {
    const w = await makeWorld(m.client())
    await iam({ Action: 'CreateUser', UserName: 'doctor' })
    const key = await iam({ Action: 'CreateAccessKey', UserName: 'doctor' })
    const credentials = { accessKeyId: /<AccessKeyId>(.*?)</.exec(key)![1]!, secretAccessKey: /<SecretAccessKey>(.*?)</.exec(key)![1]! }
    const allow = ['DescribeUserPool', 'DescribeUserPoolClient', 'DescribeUserPoolDomain', 'ListGroups'].map((a) => `cognito-idp:${a}`)
    await iam({ Action: 'PutUserPolicy', UserName: 'doctor', PolicyName: 'read', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: allow, Resource: '*' }] }) })
    const host = fakeHost({ 'spec.yaml': cognitoSpec(w) })
    const deps = { cognito: () => ({ sdkRegion: async () => 'eu-west-1', client: (r: string) => m.client(r, credentials) }), fetch }
    const code = await doctorWith(deps)(host, ['spec.yaml'], { format: 'json' })
    const report = JSON.parse(host.out.join(''))
    expect(report.findings.map((f: { code: string; message: string }) => [f.code, f.message])).toEqual([
      ['RC6040', `missing IAM permission cognito-idp:ListUsers on pool ${w.poolId} (for the credentials doctor runs with)`],
      ['RC6040', `missing IAM permission cognito-idp:AdminListGroupsForUser on pool ${w.poolId} (for the credentials doctor runs with)`],
    ])
    expect(report.findings[0].symptom).toContain('Unable to list IAM groups')
    expect(code).toBe(1)
  })
})

describe('isAccessDenied', () => {
  it("recognises Cognito's AccessDeniedException and moto's 403", () => {
    expect(isAccessDenied(Object.assign(new Error('User: arn:... is not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }))).toBe(true)
    expect(isAccessDenied(Object.assign(new SyntaxError('Unexpected token <'), { $metadata: { httpStatusCode: 403 } }))).toBe(true)
    expect(isAccessDenied(Object.assign(new Error('no'), { name: 'NotAuthorizedException', $metadata: { httpStatusCode: 400 } }))).toBe(false)
  })
})
