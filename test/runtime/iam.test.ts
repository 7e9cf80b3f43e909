/**
 * IAM listing: Cognito through the AWS SDK against moto (.tools/moto-venv, installed by
 * tools/setup-test-services.sh); without moto the file fails with the command to run.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { AdminAddUserToGroupCommand, AdminCreateUserCommand, CognitoIdentityProviderClient, CreateGroupCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, waitForTcp } from '../../conformance/harness/net.js'
import { startRig, type Rig } from './_setup.js'

const MOTO = '.tools/moto-venv/bin/moto_server'
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
// a missing service fails, with the command to run (never a skip)
if (!existsSync(MOTO)) throw new Error(`moto is not installed (${MOTO} missing): run bash tools/setup-test-services.sh (npm test runs it)`)

describe('IAM listing, Cognito via moto', () => {
  let moto: ChildProcess
  let rig: Rig
  let admin: string
  let reader: string
  beforeAll(async () => {
    const port = await freePort()
    moto = spawn(MOTO, ['-p', String(port)], { stdio: 'ignore' })
    await waitForTcp('127.0.0.1', port, 30_000, () => (moto.exitCode != null ? `moto exited with ${moto.exitCode}` : undefined))
    const endpoint = `http://127.0.0.1:${port}`
    const sdk = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint, credentials })
    const pool = (await sdk.send(new CreateUserPoolCommand({ PoolName: 'regcfg-test' }))).UserPool!.Id!
    for (const g of ['registry-admins', 'readers', 'other']) await sdk.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: g, Description: `${g} group` }))
    for (const [u, g] of [['ann', 'registry-admins'], ['ben', 'readers']]) {
      await sdk.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: u!, UserAttributes: [{ Name: 'email', Value: `${u}@example.com` }] }))
      await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: u!, GroupName: g! }))
    }
    rig = await startRig('cognito', { userPoolId: pool, iam: { aws: { endpoint, credentials } }, env: { IDP_GROUP_FILTER_PREFIX: '' } })
    const token = (user: string, groups: string[]) => rig.idp.signToken({ token_use: 'access', client_id: 'mock-web-client', username: user, 'cognito:groups': groups })
    admin = await token('ann', ['registry-admins'])
    reader = await token('ben', ['readers'])
  })
  afterAll(async () => {
    await rig?.stop()
    moto?.kill('SIGTERM')
  })

  const get = (path: string, token: string) => fetch(`${rig.auth.url}${path}`, { headers: { authorization: `Bearer ${token}` } })

  it('lists groups and users with their groups for an admin', async () => {
    const groups = await (await get('/iam/groups', admin)).json()
    expect(groups.groups.map((g: { name: string }) => g.name).sort()).toEqual(['other', 'readers', 'registry-admins'])
    const users = await (await get('/iam/users', admin)).json()
    const ann = users.users.find((u: { username: string }) => u.username === 'ann')
    expect(ann).toMatchObject({ email: 'ann@example.com', groups: ['registry-admins'] })
  })

  it('refuses a user without an admin scope', async () => {
    const res = await get('/iam/groups', reader)
    expect(res.status).toBe(403)
    expect((await res.json()).detail).toMatch(/admin/i)
  })
})

describe('IAM factory', () => {
  it('answers 501 with a clear message for Keycloak instead of falling back', async () => {
    const rig = await startRig('keycloak')
    try {
      const token = await rig.idp.signToken({ preferred_username: 'root', groups: ['registry-admins'], aud: 'mcp-gateway-web' })
      const res = await fetch(`${rig.auth.url}/iam/groups`, { headers: { authorization: `Bearer ${token}` } })
      expect(res.status).toBe(501)
      expect((await res.json()).detail).toMatch(/keycloak/i)
    } finally {
      await rig.stop()
    }
  })
})
