/**
 * What `--fix` changes on the App Client: only additions (URLs, the code flow, the three scopes,
 * COGNITO, the OAuth switch). Nothing is ever removed. Pure.
 */
import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoTarget } from '../target.js'
import { mergeUrls } from '../urls.js'
import { REQUIRED_SCOPES } from './checks.js'
import { updateInputOf, type Updatable } from './update.js'

export type ClientChanges = Partial<Pick<UserPoolClientType, Updatable>>

export interface ClientFixPlan {
  changes: ClientChanges
  /** Human-readable list of what is added, e.g. `LogoutURLs += https://r/login`. */
  added: string[]
}

const ADDITIVE = {
  CallbackURLs: (t: CognitoTarget) => [t.callbackUrl],
  LogoutURLs: (t: CognitoTarget) => [t.signOutUrl],
  AllowedOAuthFlows: () => ['code'],
  AllowedOAuthScopes: () => [...REQUIRED_SCOPES],
  SupportedIdentityProviders: () => ['COGNITO'],
} as const

/** The additions the spec needs; an empty plan when the client already has them all. */
export function planClientFix(t: CognitoTarget, c: UserPoolClientType): ClientFixPlan {
  const changes: Record<string, unknown> = {}
  const added: string[] = []
  for (const [key, wanted] of Object.entries(ADDITIVE) as [keyof typeof ADDITIVE, (t: CognitoTarget) => string[]][]) {
    const before = c[key] ?? []
    const after = mergeUrls(before, wanted(t))
    if (after.length === before.length) continue
    changes[key] = after
    added.push(`${key} += ${after.slice(before.length).join(' ')}`)
  }
  if (!c.AllowedOAuthFlowsUserPoolClient) {
    changes.AllowedOAuthFlowsUserPoolClient = true
    added.push('AllowedOAuthFlowsUserPoolClient = true')
  }
  return { changes: changes as ClientChanges, added }
}

export const isEmptyPlan = (p: ClientFixPlan): boolean => p.added.length === 0

/** Fields whose read-back value differs from what was written (lists compared in order). */
export function readBackDiff(written: ReturnType<typeof updateInputOf>, readBack: UserPoolClientType): { field: string; wrote: string; read: string }[] {
  const out: { field: string; wrote: string; read: string }[] = []
  for (const [k, v] of Object.entries(written)) {
    if (k === 'UserPoolId' || k === 'ClientId') continue
    const r = (readBack as Record<string, unknown>)[k]
    if (JSON.stringify(v) !== JSON.stringify(r)) out.push({ field: k, wrote: JSON.stringify(v), read: JSON.stringify(r) })
  }
  return out
}
