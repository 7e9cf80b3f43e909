/**
 * The command with its default dependencies: region and credentials from the environment the usual AWS
 * SDK way, `--endpoint` to moto. Also: no credentials is an I/O error (exit 2), not a list of findings.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { runDoctor } from '../../src/cli/commands/doctor.js'
import { CREDENTIALS, startMoto, type Moto } from './_moto.js'
import { cognitoSpec, fakeHost, makeWorld } from './_world.js'
import { UserError } from '../../src/errors.js'

const started = await startMoto()
if (typeof started === 'string') throw new Error(started) // a missing service fails, with the command to run (never a skip)
const m = started as Moto
const saved = { ...process.env }
afterAll(async () => {
  process.env = saved
  await m.stop()
})

describe('regcfg doctor with the SDK defaults (environment) and --endpoint', () => {
  it('reads AWS_REGION and the credentials from the environment', async () => {
    const w = await makeWorld(m.client())
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_REGION: 'eu-central-1' })
    const host = fakeHost({ 'spec.yaml': cognitoSpec(w) })
    expect(await runDoctor(host, ['spec.yaml'], { format: 'json', endpoint: m.endpoint })).toBe(1)
    const report = JSON.parse(host.out.join(''))
    expect(report.findings.map((f: { code: string }) => f.code)).toEqual(['RC6050'])
    expect(report.findings[0].message).toBe("the AWS SDK region eu-central-1 is not the pool's region eu-west-1")
  })

  it('without credentials doctor stops with an I/O error', async () => {
    const w = await makeWorld(m.client())
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_SESSION_TOKEN']) delete process.env[k]
    Object.assign(process.env, { AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_CONFIG_FILE: '/nonexistent/config', AWS_EC2_METADATA_DISABLED: 'true', AWS_REGION: 'eu-west-1' })
    const host = fakeHost({ 'spec.yaml': cognitoSpec(w) })
    await expect(runDoctor(host, ['spec.yaml'], { format: 'json', endpoint: m.endpoint })).rejects.toThrow(UserError)
    await expect(runDoctor(host, ['spec.yaml'], { format: 'json', endpoint: m.endpoint })).rejects.toThrow(/cannot reach Cognito: CredentialsProviderError/)
  })
})
