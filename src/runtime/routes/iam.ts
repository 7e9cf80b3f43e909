import { authenticate } from '../authenticate.js'
import { AuthError } from '../../errors.js'
import { json } from '../http.js'
import { iamManagerFor } from '../iam/index.js'
import { MUTATING_UI_ACTIONS } from '../scopes/bootstrap.js'
import type { ScopeDoc } from '../scopes/types.js'
import type { Route, RouteInput } from './types.js'

/** Admin = literal "all" on a mutating UI action in one of the user's scopes ("*" does not count). */
export const isAdmin = (docs: readonly ScopeDoc[]): boolean =>
  docs.some((d) => MUTATING_UI_ACTIONS.some((a) => d.ui_permissions?.[a]?.includes('all')))

async function requireAdmin(i: RouteInput) {
  const who = await authenticate(i.req, i.ctx)
  if (!isAdmin(await i.ctx.scopes.lookup(who.groups))) throw new AuthError('NOT_ADMIN', 403, 'IAM listing needs an admin scope')
  return who
}

const filtered = <T extends { name?: string; groups?: string[] }>(prefix: string | undefined, items: T[]) => (prefix ? items.filter((g) => g.name === undefined || g.name.startsWith(prefix)) : items)

export const iamGroups: Route = async (i) => {
  const who = await requireAdmin(i)
  const groups = await iamManagerFor(i.ctx.config, i.ctx.iam).listGroups()
  return { ...json(200, { groups: filtered(i.ctx.config.groupFilterPrefix, groups) }), log: { user: who.username } }
}

export const iamUsers: Route = async (i) => {
  const who = await requireAdmin(i)
  const users = await iamManagerFor(i.ctx.config, i.ctx.iam).listUsers()
  return { ...json(200, { users }), log: { user: who.username } }
}
