/** Builds a Cognito world in moto through the SDK: pool, domain, client, groups, users; and a spec for it. */
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider'
import type { Host } from '../../src/cli/host.js'

export const REGISTRY = 'https://registry.example.com'

/** A client the guide would accept for REGISTRY, plus unrelated settings and URLs of other environments. */
export function goodClient(registry = REGISTRY): Omit<CreateUserPoolClientCommandInput, 'UserPoolId'> {
  return {
    ClientName: 'registry-web',
    GenerateSecret: true,
    CallbackURLs: ['http://localhost:8888/oauth2/callback/cognito', `${registry}/oauth2/callback/cognito`],
    LogoutURLs: ['http://localhost:8888/login', `${registry}/login`],
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
    AllowedOAuthFlowsUserPoolClient: true,
    SupportedIdentityProviders: ['COGNITO'],
    ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
    AccessTokenValidity: 30,
    IdTokenValidity: 45,
    RefreshTokenValidity: 7,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    ReadAttributes: ['email', 'name'],
    WriteAttributes: ['name'],
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
    AuthSessionValidity: 5,
    DefaultRedirectURI: 'http://localhost:8888/oauth2/callback/cognito',
  }
}

export interface WorldOptions {
  client?: Omit<CreateUserPoolClientCommandInput, 'UserPoolId'> | null
  /** Domain prefix to create; 'derived' creates the prefix the spec derives; null creates none. */
  domain?: string | 'derived' | null
  groups?: string[]
  users?: { name: string; permanent: boolean }[]
}

export interface World {
  poolId: string
  clientId: string
  clientSecret?: string
}

export async function makeWorld(c: CognitoIdentityProviderClient, o: WorldOptions = {}): Promise<World> {
  const pool = (await c.send(new CreateUserPoolCommand({ PoolName: 'registry' }))).UserPool!
  const poolId = pool.Id!
  const domain = o.domain === undefined || o.domain === 'derived' ? poolId.replace('_', '').toLowerCase() : o.domain
  if (domain) await c.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }))
  for (const g of o.groups ?? ['registry-admins', 'public-mcp-users']) await c.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: g }))
  for (const u of o.users ?? []) {
    await c.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: u.name, MessageAction: 'SUPPRESS' }))
    if (u.permanent) await c.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: u.name, Password: 'Corr3ct-Horse!', Permanent: true }))
  }
  const client = o.client === null ? undefined : (await c.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ...(o.client ?? goodClient()) }))).UserPoolClient!
  return { poolId, clientId: client?.ClientId ?? 'noSuchClient0000000000000', ...(client?.ClientSecret ? { clientSecret: client.ClientSecret } : {}) }
}

export function cognitoSpec(w: { poolId: string; clientId: string }, o: { registry?: string; domain?: string; groups?: string[] } = {}): string {
  const scopes = (o.groups ?? []).map((g) => `  - name: ${g}-scope\n    groups: [${g}]\n    servers:\n      - server: "*"\n        methods: [all]\n`).join('')
  return `version: 1
registry:
  externalUrl: ${o.registry ?? REGISTRY}
${scopes ? 'scopes:\n' + scopes : ''}auth:
  provider: cognito
  secretKey: { env: SECRET_KEY }
  cognito:
    userPoolId: ${w.poolId}
    clientId: ${w.clientId}
    clientSecret: { env: COGNITO_CLIENT_SECRET }
${o.domain ? `    domain: ${o.domain}\n` : ''}`
}

export interface FakeHost extends Host {
  out: string[]
  err: string[]
}

export function fakeHost(files: Record<string, string>, env: Record<string, string> = {}): FakeHost {
  const out: string[] = []
  const err: string[] = []
  return {
    out,
    err,
    readText: (p) => {
      if (!(p in files)) throw new Error(`no file ${p}`)
      return files[p]!
    },
    writeText: () => {
      throw new Error('doctor writes no files')
    },
    env: (n) => env[n],
    gitExposure: () => undefined,
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
  }
}
