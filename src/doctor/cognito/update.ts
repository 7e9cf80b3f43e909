/**
 * UpdateUserPoolClient resets every field it is not given. These tables say which fields of a
 * described client go back into the update, and the compiler checks that they cover every field of
 * the SDK's types: a new SDK field breaks the build here instead of being silently reset.
 */
import type { UpdateUserPoolClientCommandInput, UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider'

/** Every field of UpdateUserPoolClient besides the two ids, with its `aws cognito-idp` option. */
export const UPDATABLE = {
  ClientName: '--client-name',
  RefreshTokenValidity: '--refresh-token-validity',
  AccessTokenValidity: '--access-token-validity',
  IdTokenValidity: '--id-token-validity',
  TokenValidityUnits: '--token-validity-units',
  ReadAttributes: '--read-attributes',
  WriteAttributes: '--write-attributes',
  ExplicitAuthFlows: '--explicit-auth-flows',
  SupportedIdentityProviders: '--supported-identity-providers',
  CallbackURLs: '--callback-urls',
  LogoutURLs: '--logout-urls',
  DefaultRedirectURI: '--default-redirect-uri',
  AllowedOAuthFlows: '--allowed-o-auth-flows',
  AllowedOAuthScopes: '--allowed-o-auth-scopes',
  AllowedOAuthFlowsUserPoolClient: '--allowed-o-auth-flows-user-pool-client',
  AnalyticsConfiguration: '--analytics-configuration',
  PreventUserExistenceErrors: '--prevent-user-existence-errors',
  EnableTokenRevocation: '--enable-token-revocation',
  EnablePropagateAdditionalUserContextData: '--enable-propagate-additional-user-context-data',
  AuthSessionValidity: '--auth-session-validity',
  RefreshTokenRotation: '--refresh-token-rotation',
} as const satisfies Record<Exclude<keyof UpdateUserPoolClientCommandInput, 'UserPoolId' | 'ClientId'>, string>

export type Updatable = keyof typeof UPDATABLE

/** Fields DescribeUserPoolClient returns that UpdateUserPoolClient does not accept (or takes as the ids). */
export const NOT_UPDATABLE = ['UserPoolId', 'ClientId', 'ClientSecret', 'LastModifiedDate', 'CreationDate', 'ClientType'] as const

type Unhandled = Exclude<keyof UserPoolClientType, Updatable | (typeof NOT_UPDATABLE)[number]>
/** Compile-time: every described field is either passed back or known not to be accepted. */
export const EVERY_FIELD_HANDLED: [Unhandled] extends [never] ? true : Unhandled = true

export const updatableKeys = (): Updatable[] => Object.keys(UPDATABLE) as Updatable[]

/** The update that writes `client` back unchanged except for `changes`: every set field is carried over. */
export function updateInputOf(client: UserPoolClientType, changes: Partial<Pick<UserPoolClientType, Updatable>>): UpdateUserPoolClientCommandInput {
  const input: UpdateUserPoolClientCommandInput = { UserPoolId: client.UserPoolId, ClientId: client.ClientId }
  const merged = { ...client, ...changes }
  for (const k of updatableKeys()) if (merged[k] !== undefined) (input as unknown as Record<string, unknown>)[k] = merged[k]
  return input
}

const quote = (s: string): string => (/^[A-Za-z0-9_./:=@+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`)

/** The equivalent `aws cognito-idp update-user-pool-client` command line, one option a line. */
export function awsCliCommand(input: UpdateUserPoolClientCommandInput, region: string): string {
  const lines = ['aws cognito-idp update-user-pool-client', `--user-pool-id ${quote(input.UserPoolId!)}`, `--client-id ${quote(input.ClientId!)}`, `--region ${quote(region)}`]
  for (const k of updatableKeys()) {
    const v = input[k]
    if (v === undefined) continue
    const flag = UPDATABLE[k]
    if (typeof v === 'boolean') lines.push(v ? flag : flag.replace(/^--/, '--no-'))
    else if (Array.isArray(v)) lines.push(v.length === 0 ? `${flag} '[]'` : `${flag} ${v.map((x) => quote(String(x))).join(' ')}`)
    else if (typeof v === 'object') lines.push(`${flag} ${quote(JSON.stringify(v))}`)
    else lines.push(`${flag} ${quote(String(v))}`)
  }
  return lines.join(' \\\n  ')
}
