import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider'

/** The result of one read: the value, or why it failed (`denied`: AccessDenied, the caller lacks the permission). */
export type Read<T> = { ok: true; value: T } | { ok: false; denied: boolean; error: string }

/** Everything the Cognito checks look at, fetched by `fetch.ts`; `null` means "does not exist". */
export interface CognitoSnapshot {
  /** The region the SDK is configured with (environment, profile), if any. */
  sdkRegion: string | undefined
  pool: Read<{ domain?: string; customDomain?: string } | null>
  client: Read<UserPoolClientType | null>
  /** DescribeUserPoolDomain of the expected prefix: the pool that owns it, or null. */
  domain: Read<{ userPoolId: string } | null>
  groups: Read<string[] | null>
  forceChangePassword: Read<string[] | null>
  /** AdminListGroupsForUser with a user that need not exist: answers whether the caller may call it. */
  adminListGroupsForUser: Read<true | null>
}

export const ok = <T>(value: T): Read<T> => ({ ok: true, value })
