/**
 * The groups a login keeps in its session, filtered as the registry's login filters them
 * (auth_server/group_filter.py, 1.29.0), so a session means the same on both servers:
 *   - ALLOWED_IDP_GROUPS set: the user's groups that are on it (exact names);
 *   - else the user's groups that some scope document maps (group_mappings) — and all of them when that
 *     set cannot be read or is empty (no mappings seeded yet), where the registry fails open too (logged).
 * Only mapped groups grant scopes, so without an allowlist the filter changes no decision; it keeps the
 * session and X-Groups small (an Entra user can be in thousands of groups).
 */
import type { Logger } from './log.js'
import type { ScopeSource } from './scopes/types.js'

/** What ALLOWED_IDP_GROUPS may hold (the registry refuses to start on anything else). */
export const ALLOWLIST_ENTRY = /^[a-zA-Z0-9\-_ ]+$/

export async function sessionGroups(groups: readonly string[], allowlist: readonly string[], source: Pick<ScopeSource, 'mappedGroups'>, log: Logger): Promise<string[]> {
  if (groups.length === 0) return []
  if (allowlist.length > 0) return groups.filter((g) => allowlist.includes(g))
  let mapped: ReadonlySet<string>
  try {
    mapped = await source.mappedGroups()
  } catch (e) {
    log.warn({ event: 'group-filter', detail: `the scope-mapped groups could not be read (${(e as Error).name}); the session keeps every group` })
    return [...groups]
  }
  if (mapped.size === 0) {
    log.warn({ event: 'group-filter', detail: 'no scope maps any group yet; the session keeps every group (set ALLOWED_IDP_GROUPS to filter anyway)' })
    return [...groups]
  }
  return groups.filter((g) => mapped.has(g))
}
