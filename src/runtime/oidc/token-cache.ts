/**
 * A cache of verified Bearer tokens in front of a Verifier: nginx asks /validate on every MCP request, and
 * an RS256 verification costs far more than the rest of the request. The key is the whole token (header,
 * payload and signature), so a token differing in any byte is verified afresh. An entry lives until the
 * token's `exp` (never the 30 s clock tolerance beyond it) or `maxAgeMs`, whichever comes first, so a key
 * removed from the JWKS stops admitting cached tokens after at most `maxAgeMs`. Only successes are cached,
 * and only for plain Bearer checks (no audience or nonce asked). Size is bounded: the oldest entry goes.
 * Cached payloads are frozen: callers read claims, never change them.
 */
import type { JWTPayload } from 'jose'
import type { Verifier } from './tokens.js'

export interface TokenCacheOptions {
  /** Most entries held; 0 turns the cache off. */
  maxEntries: number
  /** Longest an entry is trusted, whatever its `exp`. */
  maxAgeMs: number
  now?: () => number
}

export const DEFAULT_TOKEN_CACHE: TokenCacheOptions = { maxEntries: 10_000, maxAgeMs: 300_000 }

interface Entry {
  payload: JWTPayload
  until: number
}

export interface CachedVerifier extends Verifier {
  /** Entries held now (tests). */
  readonly size: number
}

export function cachedVerifier(inner: Verifier, o: TokenCacheOptions): CachedVerifier {
  const entries = new Map<string, Entry>()
  const now = o.now ?? Date.now
  return {
    get size() {
      return entries.size
    },
    async verify(token, opts) {
      if (o.maxEntries <= 0 || opts.audience !== undefined || opts.nonce !== undefined) return inner.verify(token, opts)
      const hit = entries.get(token)
      if (hit) {
        if (now() < hit.until) return hit.payload
        entries.delete(token)
      }
      const payload = await inner.verify(token, opts)
      const t = now()
      const until = Math.min(typeof payload.exp === 'number' ? payload.exp * 1000 : t, t + o.maxAgeMs)
      if (until > t) {
        // full: the oldest inserted entry goes (a Map keeps insertion order), O(1) per insert
        if (entries.size >= o.maxEntries) entries.delete(entries.keys().next().value as string)
        entries.set(token, { payload: Object.freeze(payload), until })
      }
      return payload
    },
  }
}
