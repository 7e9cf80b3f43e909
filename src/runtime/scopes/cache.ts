/**
 * A TTL cache in front of a ScopeSource. When the source fails, the last known answer for the
 * same groups is served for at most `staleMs`; after that (or with no answer at all) the lookup
 * fails closed with 503.
 */
import { AuthError, errorClass } from '../../errors.js'
import type { Logger } from '../log.js'
import type { ScopeDoc, ScopeKey, ScopeSource } from './types.js'

export interface CacheOptions {
  ttlMs: number
  staleMs: number
  now?: () => number
}

export const DEFAULT_CACHE: CacheOptions = { ttlMs: 5_000, staleMs: 300_000 }

interface Entry {
  docs: ScopeDoc[]
  at: number
}

export interface ScopeLookup {
  /** The documents of these groups (by group_mappings), or with these ids (`by: 'ids'`: a token's own scopes). */
  lookup(names: readonly string[], by?: ScopeKey): Promise<ScopeDoc[]>
  /** The fresh answer for these groups if the cache holds one (no I/O); undefined otherwise. */
  peek(names: readonly string[], by?: ScopeKey): ScopeDoc[] | undefined
}

/** The cache key of a group list: its distinct groups, sorted; remembered for frozen lists (a cached identity's). */
const keys = new WeakMap<readonly string[], string>()
function keyOf(groups: readonly string[]): string {
  let key = keys.get(groups)
  if (key === undefined) {
    key = [...new Set(groups)].sort().join('\u0000')
    if (Object.isFrozen(groups)) keys.set(groups, key)
  }
  return key
}

function sameDocs(a: readonly ScopeDoc[], b: readonly ScopeDoc[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i] || JSON.stringify(d) === JSON.stringify(b[i]))
}

export function cachedScopes(source: ScopeSource, o: CacheOptions, log: Logger): ScopeLookup {
  const entries = new Map<string, Entry>()
  const now = o.now ?? Date.now
  /** The entry's key: the names' key, ids apart from groups. '' (no names) has no documents. */
  const keyFor = (names: readonly string[], by: ScopeKey) => {
    const key = keyOf(names)
    return key === '' || by === 'groups' ? key : `\u0001${key}`
  }
  return {
    peek(names, by = 'groups') {
      const key = keyFor(names, by)
      if (key === '') return []
      const hit = entries.get(key)
      return hit && now() - hit.at < o.ttlMs ? hit.docs : undefined
    },
    async lookup(names, by = 'groups') {
      const key = keyFor(names, by)
      if (key === '') return []
      const hit = entries.get(key)
      if (hit && now() - hit.at < o.ttlMs) return hit.docs
      try {
        const distinct = [...new Set(names)]
        const fresh = await (by === 'ids' ? source.findByIds(distinct) : source.findByGroups(distinct))
        // unchanged mappings keep their list object: what is remembered per list (flattened rules, built
        // replies) stays valid instead of being rebuilt, and dropped, by every refresh
        const docs = hit && sameDocs(hit.docs, fresh) ? hit.docs : fresh
        entries.set(key, { docs, at: now() })
        return docs
      } catch (e) {
        if (hit && now() - hit.at < o.staleMs) {
          log.warn({ event: 'scopes.stale', detail: `storage unavailable; serving mappings ${Math.round((now() - hit.at) / 1000)} s old` })
          return hit.docs
        }
        log.error({ event: 'scopes.unavailable', code: 'STORAGE_UNAVAILABLE', detail: errorClass(e) })
        throw new AuthError('STORAGE_UNAVAILABLE', 503, 'group mappings are unavailable (storage down); access denied')
      }
    },
  }
}
