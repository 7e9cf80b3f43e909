/** The bootstrap admin group the database-init step seeds; every deployment needs it. */
export const ADMIN_GROUP = 'registry-admins'

/**
 * Group names the spec maps, read defensively from `scopes` (not in the schema yet): an array of
 * `{ groups: [...] }` or a map of name → `{ groups: [...] }`. Always starts with registry-admins.
 */
export function specGroups(spec: unknown): string[] {
  const scopes = (spec as { scopes?: unknown } | undefined)?.scopes
  const entries = Array.isArray(scopes) ? scopes : scopes && typeof scopes === 'object' ? Object.values(scopes) : []
  const names = entries.flatMap((e) => groupsOf(e))
  return [...new Set([ADMIN_GROUP, ...names])]
}

function groupsOf(entry: unknown): string[] {
  const groups = (entry as { groups?: unknown } | null)?.groups
  if (!Array.isArray(groups)) return []
  return groups.flatMap((g) => (typeof g === 'string' ? [g] : typeof (g as { name?: unknown })?.name === 'string' ? [(g as { name: string }).name] : []))
}
