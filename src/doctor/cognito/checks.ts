/**
 * The Cognito checks: pure functions from (target, snapshot) to findings, in the order a reader
 * fixes them: region, pool, client, URLs, hosted UI domain, groups and users, permissions.
 */
import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider'
import { finding, type Finding } from '../finding.js'
import { ADMIN_GROUP } from '../groups.js'
import type { CognitoTarget } from '../target.js'
import { hostOf, staleCloudFront } from '../urls.js'
import type { CognitoSnapshot, Read } from './snapshot.js'

export const REQUIRED_SCOPES = ['openid', 'email', 'profile'] as const

export function checkCognito(t: CognitoTarget, s: CognitoSnapshot): Finding[] {
  if (s.pool.ok && s.pool.value === null) return [...checkRegion(t, s.sdkRegion), ...checkPool(t, s)]
  return [...checkRegion(t, s.sdkRegion), ...checkPool(t, s), ...checkClient(t, s.client), ...checkDomain(t, s), ...checkGroups(t, s), ...checkPermissions(t, s)]
}

export function checkRegion(t: CognitoTarget, sdkRegion: string | undefined): Finding[] {
  if (sdkRegion === undefined) return [finding('RC6051', { region: t.region })]
  return sdkRegion === t.region ? [] : [finding('RC6050', { sdk: sdkRegion, region: t.region })]
}

function checkPool(t: CognitoTarget, s: CognitoSnapshot): Finding[] {
  if (!s.pool.ok) return unreadable(s.pool, 'DescribeUserPool', 'the user pool')
  return s.pool.value === null ? [finding('RC6001', { pool: t.userPoolId, region: t.region })] : []
}

/** Client settings and URL lists. A missing pool is reported once, by checkPool. */
export function checkClient(t: CognitoTarget, r: Read<UserPoolClientType | null>): Finding[] {
  if (!r.ok) return unreadable(r, 'DescribeUserPoolClient', 'the app client')
  const c = r.value
  if (c === null) return [finding('RC6002', { client: t.clientId, pool: t.userPoolId })]
  return [...checkSettings(t, c), ...checkUrls(t, c)]
}

export function checkSettings(t: CognitoTarget, c: UserPoolClientType): Finding[] {
  const out: Finding[] = []
  if (!c.ClientSecret) out.push(finding('RC6003', { client: t.clientId }))
  if (!c.AllowedOAuthFlowsUserPoolClient) out.push(finding('RC6007'))
  if (!(c.AllowedOAuthFlows ?? []).includes('code')) out.push(finding('RC6004', { flows: list(c.AllowedOAuthFlows) }))
  const missing = REQUIRED_SCOPES.filter((s) => !(c.AllowedOAuthScopes ?? []).includes(s))
  if (missing.length > 0) out.push(finding('RC6005', { missing: missing.join(' '), scopes: list(c.AllowedOAuthScopes) }))
  if (!(c.SupportedIdentityProviders ?? []).includes('COGNITO')) out.push(finding('RC6006', { idps: list(c.SupportedIdentityProviders) }))
  return out
}

export function checkUrls(t: CognitoTarget, c: UserPoolClientType): Finding[] {
  return [...urlFindings('RC6010', 'callback', c.CallbackURLs, t.callbackUrl), ...urlFindings('RC6011', 'sign-out', c.LogoutURLs, t.signOutUrl)]
}

function urlFindings(code: 'RC6010' | 'RC6011', listName: string, registered: string[] | undefined, url: string): Finding[] {
  if ((registered ?? []).includes(url)) return []
  const stale = staleCloudFront(registered, url).map((s) => finding('RC6012', { list: listName, old: s.url, oldHost: s.host, newHost: hostOf(url) ?? url }))
  return [finding(code, { url }), ...stale]
}

export function checkDomain(t: CognitoTarget, s: CognitoSnapshot): Finding[] {
  if (!s.domain.ok) return unreadable(s.domain, 'DescribeUserPoolDomain', 'the hosted UI domain')
  const d = s.domain.value
  const args = { prefix: t.domainPrefix, base: t.hostedUiBase, pool: t.userPoolId, region: t.region }
  if (d === null) {
    const own = s.pool.ok ? s.pool.value?.domain : undefined
    return [finding('RC6020', { ...args, existing: own ? `; the pool's domain prefix is ${own}` : '' })]
  }
  return d.userPoolId === t.userPoolId ? [] : [finding('RC6021', { ...args, other: d.userPoolId })]
}

export function checkGroups(t: CognitoTarget, s: CognitoSnapshot): Finding[] {
  const out: Finding[] = []
  const groups = s.groups.ok ? s.groups.value : null
  if (groups) {
    const args = { pool: t.userPoolId, region: t.region }
    for (const g of t.groups.filter((g) => !groups.includes(g))) out.push(g === ADMIN_GROUP ? finding('RC6030', args) : finding('RC6031', { ...args, group: g }))
  }
  const stuck = s.forceChangePassword.ok ? s.forceChangePassword.value : null
  if (stuck && stuck.length > 0) out.push(finding('RC6032', { count: stuck.length, users: shortList(stuck), pool: t.userPoolId, region: t.region }))
  return out
}

/** The three calls the registry's IAM pages make; a denial is the guide's "Unable to list IAM groups". */
export function checkPermissions(t: CognitoTarget, s: CognitoSnapshot): Finding[] {
  const calls: [string, Read<unknown>, string][] = [
    ['ListGroups', s.groups, 'the groups'],
    ['ListUsers', s.forceChangePassword, 'users in FORCE_CHANGE_PASSWORD'],
    ['AdminListGroupsForUser', s.adminListGroupsForUser, 'group membership listing'],
  ]
  return calls.flatMap(([action, r, what]) => {
    if (r.ok) return []
    return r.denied ? [finding('RC6040', { action, pool: t.userPoolId })] : [finding('RC6042', { action, error: r.error, what })]
  })
}

function unreadable(r: { denied: boolean; error: string }, action: string, what: string): Finding[] {
  return [r.denied ? finding('RC6041', { action, what }) : finding('RC6042', { action, error: r.error, what })]
}

const list = (xs: readonly string[] | undefined): string => (xs && xs.length > 0 ? xs.join(' ') : 'none')

function shortList(xs: readonly string[], max = 10): string {
  return xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`
}
