/**
 * SDK level: real Cognito's UpdateUserPoolClient resets every field it is not given; moto and
 * cognito-local keep them, so the "every setting survives" property is shown here against a fake
 * client with Cognito's reset semantics, and the field tables against the SDK's own schemas.
 */
import * as sdk from '@aws-sdk/client-cognito-identity-provider'
import { DescribeUserPoolClientCommand, UpdateUserPoolClientCommand, type UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { fixCognitoClient } from '../../src/doctor/cognito/fix.js'
import { NOT_UPDATABLE, UPDATABLE, awsCliCommand, updatableKeys, updateInputOf } from '../../src/doctor/cognito/update.js'
import type { CognitoTarget } from '../../src/doctor/target.js'

const membersOf = (schemaName: string): string[] => ((sdk as unknown as Record<string, unknown[]>)[schemaName]![4] as string[]).slice()

const SECRET = 'sup3r-s3cret-value-never-printed'

/** A client with every field set, as DescribeUserPoolClient returns it. */
const full: UserPoolClientType = {
  UserPoolId: 'us-east-1_AbC123xyz',
  ClientId: '4example1client2id3abc',
  ClientName: "registry 'web'",
  ClientSecret: SECRET,
  LastModifiedDate: new Date('2026-01-01T00:00:00Z'),
  CreationDate: new Date('2025-01-01T00:00:00Z'),
  RefreshTokenValidity: 7,
  AccessTokenValidity: 30,
  IdTokenValidity: 45,
  TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
  ReadAttributes: ['email', 'name'],
  WriteAttributes: ['name'],
  ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
  SupportedIdentityProviders: ['COGNITO', 'Google'],
  CallbackURLs: ['http://localhost:8888/oauth2/callback/cognito'],
  LogoutURLs: ['http://localhost:8888/login'],
  DefaultRedirectURI: 'http://localhost:8888/oauth2/callback/cognito',
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid', 'email', 'profile'],
  AllowedOAuthFlowsUserPoolClient: true,
  AnalyticsConfiguration: { ApplicationArn: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc', UserDataShared: false },
  PreventUserExistenceErrors: 'ENABLED',
  EnableTokenRevocation: false,
  EnablePropagateAdditionalUserContextData: true,
  AuthSessionValidity: 5,
  RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
  ClientType: 'REGULAR',
}

const target: CognitoTarget = {
  provider: 'cognito',
  userPoolId: full.UserPoolId!,
  clientId: full.ClientId!,
  region: 'us-east-1',
  domainPrefix: 'us-east-1abc123xyz',
  hostedUiBase: 'https://us-east-1AbC123xyz.auth.us-east-1.amazoncognito.com',
  callbackUrl: 'https://registry.example.com/oauth2/callback/cognito',
  signOutUrl: 'https://registry.example.com/login',
  groups: ['registry-admins'],
}

/** UpdateUserPoolClient as Cognito documents it: a field left out is reset (here: removed). */
function resettingCognito(initial: UserPoolClientType) {
  let stored = structuredClone(initial)
  const writes: unknown[] = []
  return {
    writes,
    stored: () => stored,
    async send(cmd: unknown): Promise<unknown> {
      if (cmd instanceof DescribeUserPoolClientCommand) return { UserPoolClient: structuredClone(stored) }
      if (cmd instanceof UpdateUserPoolClientCommand) {
        writes.push(cmd.input)
        const kept = Object.fromEntries(Object.entries(stored).filter(([k]) => (NOT_UPDATABLE as readonly string[]).includes(k)))
        stored = { ...kept, ...structuredClone(cmd.input), LastModifiedDate: new Date() }
        return { UserPoolClient: stored }
      }
      throw new Error(`unexpected command ${(cmd as object).constructor.name}`)
    },
  }
}

describe('UpdateUserPoolClient field tables', () => {
  it('cover exactly the SDK schema: every update field, and every described field either passed back or not accepted', () => {
    expect([...updatableKeys()].sort()).toEqual(membersOf('UpdateUserPoolClientRequest$').filter((k) => k !== 'UserPoolId' && k !== 'ClientId').sort())
    expect([...updatableKeys(), ...NOT_UPDATABLE].sort()).toEqual(membersOf('UserPoolClientType$').sort())
  })

  it('updateInputOf carries every set field and never the secret or read-only fields', () => {
    const input = updateInputOf(full, { LogoutURLs: ['x'] })
    expect(Object.keys(input).sort()).toEqual(['UserPoolId', 'ClientId', ...updatableKeys()].sort())
    expect(JSON.stringify(input)).not.toContain(SECRET)
    expect(input).not.toHaveProperty('ClientType')
    expect(input.LogoutURLs).toEqual(['x'])
  })
})

describe('--fix under Cognito reset semantics (fake client, SDK commands)', () => {
  it('keeps every other setting: the read-back equals the original except for the merged additions', async () => {
    const c = resettingCognito(full)
    const r = await fixCognitoClient(c as never, target, false)
    expect(r.applied).toBe(true)
    expect(r.findings).toEqual([])
    expect(r.added).toEqual(['CallbackURLs += https://registry.example.com/oauth2/callback/cognito', 'LogoutURLs += https://registry.example.com/login'])
    const after = c.stored()
    const { LastModifiedDate: _a, CallbackURLs, LogoutURLs, ...rest } = after
    const { LastModifiedDate: _b, CallbackURLs: cb0, LogoutURLs: lo0, ...restBefore } = full
    expect(rest).toEqual(restBefore)
    expect(CallbackURLs).toEqual([...cb0!, target.callbackUrl])
    expect(LogoutURLs).toEqual([...lo0!, target.signOutUrl])
  })

  it('the fake does reset: an update with only the URLs would lose the other settings (what --fix avoids)', async () => {
    const c = resettingCognito(full)
    await c.send(new UpdateUserPoolClientCommand({ UserPoolId: full.UserPoolId, ClientId: full.ClientId, CallbackURLs: ['a'] }))
    expect(c.stored().AllowedOAuthFlows).toBeUndefined()
    expect(c.stored().ClientSecret).toBe(SECRET)
  })

  it('--dry-run writes nothing; a complete client needs no write', async () => {
    const c = resettingCognito(full)
    const dry = await fixCognitoClient(c as never, target, true)
    expect(dry.applied).toBe(false)
    expect(dry.command).toBeDefined()
    expect(c.writes).toEqual([])
    const done = resettingCognito({ ...full, CallbackURLs: [target.callbackUrl], LogoutURLs: [target.signOutUrl] })
    expect(await fixCognitoClient(done as never, target, false)).toMatchObject({ applied: false, added: [] })
    expect(done.writes).toEqual([])
  })
})

describe('awsCliCommand', () => {
  it('prints every field as the aws CLI spells it, shell-quoted, booleans as --x / --no-x, structures as JSON', () => {
    const cmd = awsCliCommand(updateInputOf(full, {}), 'us-east-1')
    expect(cmd.split(' \\\n  ')).toEqual([
      'aws cognito-idp update-user-pool-client',
      '--user-pool-id us-east-1_AbC123xyz',
      '--client-id 4example1client2id3abc',
      '--region us-east-1',
      `--client-name 'registry '\\''web'\\'''`,
      '--refresh-token-validity 7',
      '--access-token-validity 30',
      '--id-token-validity 45',
      `--token-validity-units '{"AccessToken":"minutes","IdToken":"minutes","RefreshToken":"days"}'`,
      '--read-attributes email name',
      '--write-attributes name',
      '--explicit-auth-flows ALLOW_REFRESH_TOKEN_AUTH',
      '--supported-identity-providers COGNITO Google',
      '--callback-urls http://localhost:8888/oauth2/callback/cognito',
      '--logout-urls http://localhost:8888/login',
      '--default-redirect-uri http://localhost:8888/oauth2/callback/cognito',
      '--allowed-o-auth-flows code',
      '--allowed-o-auth-scopes openid email profile',
      '--allowed-o-auth-flows-user-pool-client',
      `--analytics-configuration '{"ApplicationArn":"arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc","UserDataShared":false}'`,
      '--prevent-user-existence-errors ENABLED',
      '--no-enable-token-revocation',
      '--enable-propagate-additional-user-context-data',
      '--auth-session-validity 5',
      `--refresh-token-rotation '{"Feature":"ENABLED","RetryGracePeriodSeconds":10}'`,
    ])
    expect(Object.keys(UPDATABLE)).toHaveLength(21)
  })
})
