/**
 * The AWS edge of the Cognito doctor: the reads the checks need, each turned into a `Read`
 * (never throws for a service answer). The only Cognito calls besides `fix.ts`'s write.
 */
import {
  AdminListGroupsForUserCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListGroupsCommand,
  ListUsersCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoTarget } from '../target.js'
import { ok, type CognitoSnapshot, type Read } from './snapshot.js'

export type CognitoSend = Pick<CognitoIdentityProviderClient, 'send'>

/** A name no Cognito user can have (`:` is not allowed in user names): the probe needs no user to exist. */
export const PROBE_USER = 'regcfg:doctor-permission-probe'

/** Reads everything the checks need. `sdkRegion` is what the caller's configuration said. */
export async function fetchSnapshot(c: CognitoSend, t: CognitoTarget, sdkRegion: string | undefined): Promise<CognitoSnapshot> {
  const UserPoolId = t.userPoolId
  const [pool, client, domain, groups, forceChangePassword, adminListGroupsForUser] = await Promise.all([
    read(async () => poolOf(await c.send(new DescribeUserPoolCommand({ UserPoolId })))),
    read(async () => (await c.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: t.clientId }))).UserPoolClient ?? null),
    read(async () => domainOf((await c.send(new DescribeUserPoolDomainCommand({ Domain: t.domainPrefix }))).DomainDescription)),
    read(() => listGroups(c, UserPoolId)),
    read(() => listForceChangePassword(c, UserPoolId)),
    read(() => probe(c, UserPoolId)),
  ])
  return { sdkRegion, pool, client, domain, groups, forceChangePassword, adminListGroupsForUser }
}

function poolOf(r: { UserPool?: { Domain?: string; CustomDomain?: string } }): { domain?: string; customDomain?: string } {
  return { ...(r.UserPool?.Domain ? { domain: r.UserPool.Domain } : {}), ...(r.UserPool?.CustomDomain ? { customDomain: r.UserPool.CustomDomain } : {}) }
}

/** Cognito answers a domain nobody owns with an empty DomainDescription, not an error. */
const domainOf = (d: { UserPoolId?: string } | undefined): { userPoolId: string } | null => (d?.UserPoolId ? { userPoolId: d.UserPoolId } : null)

async function listGroups(c: CognitoSend, UserPoolId: string): Promise<string[]> {
  const names: string[] = []
  let NextToken: string | undefined
  do {
    const r = await c.send(new ListGroupsCommand({ UserPoolId, Limit: 60, NextToken }))
    names.push(...(r.Groups ?? []).flatMap((g) => (g.GroupName ? [g.GroupName] : [])))
    NextToken = r.NextToken
  } while (NextToken)
  return names
}

async function listForceChangePassword(c: CognitoSend, UserPoolId: string): Promise<string[]> {
  const names: string[] = []
  let PaginationToken: string | undefined
  do {
    const r = await c.send(new ListUsersCommand({ UserPoolId, Limit: 60, PaginationToken, Filter: 'cognito:user_status = "FORCE_CHANGE_PASSWORD"' }))
    names.push(...(r.Users ?? []).flatMap((u) => (u.Username && u.UserStatus === 'FORCE_CHANGE_PASSWORD' ? [u.Username] : [])))
    PaginationToken = r.PaginationToken
  } while (PaginationToken)
  return names
}

/** IAM is evaluated before the user is looked up, so "no such user" means the call is allowed. */
async function probe(c: CognitoSend, UserPoolId: string): Promise<true> {
  try {
    await c.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: PROBE_USER }))
  } catch (e) {
    if ((e as Error).name !== 'UserNotFoundException' && (e as Error).name !== 'InvalidParameterException') throw e
  }
  return true
}

/** ResourceNotFoundException → null; AccessDenied → denied; anything else → its message. */
export async function read<T>(f: () => Promise<T>): Promise<Read<T | null>> {
  try {
    return ok(await f())
  } catch (e) {
    if ((e as Error).name === 'ResourceNotFoundException') return ok(null)
    return { ok: false, denied: isAccessDenied(e), error: messageOf(e) }
  }
}

/**
 * Cognito answers AccessDeniedException (HTTP 400). moto answers an IAM denial with an XML 403 that the
 * SDK cannot parse (a SyntaxError carrying $metadata.httpStatusCode 403): both mean the same.
 */
export function isAccessDenied(e: unknown): boolean {
  const err = e as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } }
  return err.name === 'AccessDeniedException' || err.name === 'AccessDenied' || err.Code === 'AccessDenied' || err.$metadata?.httpStatusCode === 403
}

function messageOf(e: unknown): string {
  const err = e as Error & { $metadata?: { httpStatusCode?: number } }
  if (isAccessDenied(e)) return 'AccessDenied'
  return `${err.name}: ${err.message.split('\n')[0]}`
}
