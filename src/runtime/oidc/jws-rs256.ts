/**
 * RS256 JWT verification on the calling thread, with node:crypto. jose (v6) verifies through WebCrypto,
 * which runs every RSA verification as a libuv thread-pool job; on a container held to one CPU (an ECS
 * task, a Kubernetes limit, the benchmark's pinned core) the hand-off to that thread and back costs more
 * than the verification itself, and a new token is every MCP client's first request. jose keeps doing
 * what it does here: fetching, caching and choosing the key (createRemoteJWKSet), and judging this
 * module — test/runtime/jws-rs256.test.ts checks it against jose's jwtVerify on good and bad tokens.
 *
 * The rules are jose's for the options the auth-server uses: compact JWS, alg exactly RS256, no `crit`,
 * an RSA key of at least 2048 bits, a JSON object payload with `iss` among the issuers, numeric `exp` and
 * `iat`, `nbf` honoured, `aud` checked when asked, a clock tolerance in seconds.
 */
import { isUtf8 } from 'node:buffer'
import { KeyObject, verify } from 'node:crypto'
import type { JWTPayload, JWTVerifyGetKey } from 'jose'

export interface ClaimRules {
  issuers: readonly string[]
  clockToleranceS: number
  audience?: string
  /** Seconds since the epoch (tests). */
  now?: () => number
}

/** Why a token was refused: jose's error codes, so the reason reads the same whichever checked it. */
export class JwtRejected extends Error {
  constructor(
    readonly code: string,
    readonly claim?: string,
  ) {
    super(claim ? `${code} (${claim})` : code)
  }
}

const B64URL = /^[A-Za-z0-9_-]+$/

export async function verifyRs256(token: string, getKey: JWTVerifyGetKey, rules: ClaimRules): Promise<JWTPayload> {
  const parts = token.split('.')
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p))) throw new JwtRejected('ERR_JWS_INVALID')
  const [h, p, s] = parts as [string, string, string]
  const header = jsonObject(h)
  if (!header) throw new JwtRejected('ERR_JWS_INVALID')
  if (header.alg !== 'RS256') throw new JwtRejected('ERR_JOSE_ALG_NOT_ALLOWED')
  if (header.crit !== undefined) throw new JwtRejected('ERR_JWS_INVALID') // no extension is understood here
  const key = publicRsaKey(await getKey(header as Parameters<JWTVerifyGetKey>[0], { protected: h, payload: p, signature: s }))
  let ok = false
  try {
    ok = verify('sha256', Buffer.from(`${h}.${p}`, 'latin1'), key, Buffer.from(s, 'base64url'))
  } catch {
    ok = false // a signature of the wrong length, say: OpenSSL throws where it could answer false
  }
  if (!ok) throw new JwtRejected('ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
  const payload = jsonObject(p)
  if (!payload) throw new JwtRejected('ERR_JWT_INVALID')
  checkClaims(payload, rules)
  return payload
}

function checkClaims(c: JWTPayload, r: ClaimRules): void {
  for (const claim of ['exp', 'iat', 'iss'] as const) if (c[claim] === undefined) throw new JwtRejected('ERR_JWT_CLAIM_VALIDATION_FAILED', claim)
  if (typeof c.iss !== 'string' || !r.issuers.includes(c.iss)) throw new JwtRejected('ERR_JWT_CLAIM_VALIDATION_FAILED', 'iss')
  if (r.audience !== undefined && !(typeof c.aud === 'string' ? c.aud === r.audience : Array.isArray(c.aud) && c.aud.includes(r.audience))) throw new JwtRejected('ERR_JWT_CLAIM_VALIDATION_FAILED', 'aud')
  const now = r.now ? r.now() : Math.floor(Date.now() / 1000)
  if (typeof c.iat !== 'number') throw new JwtRejected('ERR_JWT_CLAIM_VALIDATION_FAILED', 'iat')
  if (c.nbf !== undefined && (typeof c.nbf !== 'number' || c.nbf > now + r.clockToleranceS)) throw new JwtRejected('ERR_JWT_CLAIM_VALIDATION_FAILED', 'nbf')
  if (typeof c.exp !== 'number') throw new JwtRejected('ERR_JWT_CLAIM_VALIDATION_FAILED', 'exp')
  if (c.exp <= now - r.clockToleranceS) throw new JwtRejected('ERR_JWT_EXPIRED', 'exp')
}

/** A base64url JSON object, or undefined for anything else (other JSON, bad UTF-8, bad JSON). */
function jsonObject(part: string): Record<string, unknown> | undefined {
  const bytes = Buffer.from(part, 'base64url')
  if (!isUtf8(bytes)) return undefined
  try {
    const v: unknown = JSON.parse(bytes.toString('utf8'))
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** The key jose chose, as a node:crypto public RSA key (converted once per key object). */
const converted = new WeakMap<object, KeyObject>()
function publicRsaKey(k: unknown): KeyObject {
  let key = typeof k === 'object' && k !== null ? converted.get(k) : undefined
  if (!key) {
    try {
      key = k instanceof KeyObject ? k : KeyObject.from(k as CryptoKey)
    } catch {
      throw new JwtRejected('ERR_JOSE_NOT_SUPPORTED')
    }
    converted.set(k as object, key)
  }
  if (key.type !== 'public' || key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new JwtRejected('ERR_JOSE_NOT_SUPPORTED')
  return key
}
