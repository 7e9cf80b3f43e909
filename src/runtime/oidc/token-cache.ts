/**
 * A cache of verified Bearer tokens in front of a Verifier: nginx asks /validate on every MCP request, and
 * an RS256 verification costs far more than the rest of the request. An entry matches only the whole
 * token (header, payload and signature), so a token differing in any byte is verified afresh. It is
 * found by the token's last INDEX_CHARS characters (the end of the signature: 258 random bits of an RS256
 * signature) and then compared in full: hashing a fresh ~800-character string for a Map lookup cost
 * more than the rest of a cached /validate. Two tokens sharing that tail take turns in one slot. An entry lives until the
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
  token: string
  payload: JWTPayload
  until: number
}

const INDEX_CHARS = 43
const indexOf = (token: string): string => (token.length > INDEX_CHARS ? token.slice(-INDEX_CHARS) : token)

export interface CachedVerifier extends Verifier {
  /** Entries held now (tests). */
  readonly size: number
  /** The payload of a token verified before and not yet expired, without I/O; undefined otherwise. */
  peek(token: string): JWTPayload | undefined
}

/**
 * Scan resistance: while the cache is full and more than a fifth of the last WINDOW lookups missed (a
 * flood of fresh tokens — mass logins, a load test, someone minting tokens; clients reusing their tokens
 * miss far less), a new token is admitted only on its second miss within about DOORKEEPER_SLOTS others
 * (TinyLFU's "doorkeeper": a table of hashes, no allocation).
 * The flood then neither evicts the tokens in steady use nor turns the cache over at its own rate — every
 * evicted entry is old-generation garbage, and the server's memory climbed under such a load — while a
 * client that sends its token again soon is admitted at its second request.
 */
const WINDOW = 1024
const DOORKEEPER_SLOTS = 4096

/** FNV-1a over the token's last characters (the signature's): a slot and a tag for the doorkeeper. */
function hashOf(token: string): number {
  let h = 0x811c9dc5
  for (let i = Math.max(0, token.length - 24); i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193)
  return h >>> 0 || 1
}

export function cachedVerifier(inner: Verifier, o: TokenCacheOptions): CachedVerifier {
  const entries = new Map<string, Entry>()
  const now = o.now ?? Date.now
  let hits = 0
  let misses = 0
  let flooded = false
  const seen = new Uint32Array(DOORKEEPER_SLOTS)
  const admit = (token: string): boolean => {
    if (++misses + hits >= WINDOW) [flooded, hits, misses] = [misses * 4 > hits, 0, 0]
    if (entries.size < o.maxEntries || !flooded) return true
    const h = hashOf(token)
    const slot = h % DOORKEEPER_SLOTS
    if (seen[slot] === h) return true
    seen[slot] = h
    return false
  }
  const peek = (token: string): JWTPayload | undefined => {
    const slot = indexOf(token)
    const hit = entries.get(slot)
    if (!hit || hit.token !== token) return undefined
    if (now() < hit.until) {
      hits++
      return hit.payload
    }
    entries.delete(slot)
    return undefined
  }
  return {
    get size() {
      return entries.size
    },
    peek,
    async verify(token, opts) {
      if (o.maxEntries <= 0 || opts.audience !== undefined || opts.nonce !== undefined) return inner.verify(token, opts)
      const hit = peek(token)
      if (hit) return hit
      const payload = await inner.verify(token, opts)
      const t = now()
      const until = Math.min(typeof payload.exp === 'number' ? payload.exp * 1000 : t, t + o.maxAgeMs)
      if (until > t && admit(token)) {
        // full: the oldest inserted entry goes (a Map keeps insertion order), O(1) per insert
        const slot = indexOf(token)
        entries.delete(slot) // a re-insert (or a token sharing the slot) moves to the young end
        if (entries.size >= o.maxEntries) entries.delete(entries.keys().next().value as string)
        entries.set(slot, { token, payload: Object.freeze(payload), until })
      }
      return payload
    },
  }
}
