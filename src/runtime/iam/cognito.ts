/**
 * Cognito IAM listing through the AWS SDK: ListGroups, ListUsers and AdminListGroupsForUser,
 * each paginated (Limit 60, as upstream). AccessDenied names the IAM permission that is missing.
 */
import {
  AdminListGroupsForUserCommand,
  CognitoIdentityProviderClient,
  ListGroupsCommand,
  ListUsersCommand,
  type CognitoIdentityProviderClientConfig,
} from '@aws-sdk/client-cognito-identity-provider'
import { AuthError } from '../../errors.js'
import type { IamGroup, IamManager, IamUser } from './types.js'

export interface CognitoIamOptions {
  userPoolId: string
  region: string
  /** For emulators (moto); the SDK also honours AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER. */
  endpoint?: string
  credentials?: CognitoIdentityProviderClientConfig['credentials']
}

async function guarded<T>(action: string, pool: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (e) {
    const name = (e as { name?: string }).name ?? ''
    if (/AccessDenied|NotAuthorized|UnrecognizedClient/.test(name)) throw new AuthError('IAM_PERMISSION_MISSING', 502, `Cognito refused ${action}: grant the auth-server's role cognito-idp:${action} on userpool/${pool}`)
    throw new AuthError('IAM_FAILED', 502, `Cognito ${action} failed: ${name || 'error'}`)
  }
}

async function paginate<T>(page: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const all: T[] = []
  let token: string | undefined
  do {
    const r = await page(token)
    all.push(...r.items)
    token = r.next
  } while (token)
  return all
}

export function cognitoIam(o: CognitoIamOptions): IamManager {
  const client = new CognitoIdentityProviderClient({ region: o.region, ...(o.endpoint ? { endpoint: o.endpoint } : {}), ...(o.credentials ? { credentials: o.credentials } : {}) })
  const pool = o.userPoolId
  const groupsOf = (username: string) =>
    paginate(async (NextToken) => {
      const r = await guarded('AdminListGroupsForUser', pool, () => client.send(new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: username, Limit: 60, NextToken })))
      return { items: (r.Groups ?? []).map((g) => g.GroupName ?? ''), next: r.NextToken }
    })
  return {
    listGroups: () =>
      paginate<IamGroup>(async (NextToken) => {
        const r = await guarded('ListGroups', pool, () => client.send(new ListGroupsCommand({ UserPoolId: pool, Limit: 60, NextToken })))
        return { items: (r.Groups ?? []).map((g) => ({ id: g.GroupName ?? '', name: g.GroupName ?? '', path: g.GroupName ?? '', ...(g.Description ? { description: g.Description } : {}) })), next: r.NextToken }
      }),
    listUsers: async () => {
      const users = await paginate(async (PaginationToken) => {
        const r = await guarded('ListUsers', pool, () => client.send(new ListUsersCommand({ UserPoolId: pool, Limit: 60, PaginationToken })))
        return { items: r.Users ?? [], next: r.PaginationToken }
      })
      return Promise.all(users.map(async (u): Promise<IamUser> => {
        const email = u.Attributes?.find((a) => a.Name === 'email')?.Value
        return { username: u.Username ?? '', ...(email ? { email } : {}), enabled: u.Enabled !== false, ...(u.UserStatus ? { status: u.UserStatus } : {}), groups: await groupsOf(u.Username ?? '') }
      }))
    },
  }
}
