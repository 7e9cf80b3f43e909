/**
 * RS256 JWT verification on the calling thread, with node:crypto. jose (v6) verifies through WebCrypto,
 * which runs every RSA verification as a libuv thread-pool job; on a container held to one CPU (an ECS
 * task, a Kubernetes limit, the benchmark's pinned core) the hand-off to that thread and back costs about
 * as much as the verification itself, and a new token is every MCP client's first request (measured on the
 * nginx path against jose's jwtVerify: docs/runtime.md, bench/jose-ab.mjs). jose keeps doing what it does here: fetching, caching and choosing
 * the key (createRemoteJWKSet), and judging this module — test/runtime/jws-rs256.test.ts runs it against
 * jose's jwtVerify on the hostile-token table /validate is tested with (test/runtime/_hostile-tokens.ts).
 *
 * The rules and the errors are jose's for the options the auth-server uses (`algorithms: ['RS256']`, `issuer`,
 * `requiredClaims: ['exp', 'iat']`, `clockTolerance`, `audience` when asked), in jose's order and as jose's
 * own classes (`jose.errors.*`, the same `code`, `claim` and message): a caller cannot tell which one refused.
 */
import { isUtf8 } from 'node:buffer'
import { KeyObject, verify } from 'node:crypto'
import { errors, type JWTPayload, type JWTVerifyGetKey } from 'jose'

export interface ClaimRules {
  issuers: readonly string[]
  clockToleranceS: number
  audience?: string
  /** Seconds since the epoch (tests). */
  now?: () => number
}

/**
 * base64url as jose decodes it where Node has no Uint8Array.fromBase64 (Node 20, 22): no `+` or `/`, then the
 * platform's atob, which takes padding and ASCII white space; undefined where jose would throw.
 */
function base64url(part: string): Buffer | undefined {
  if (part.includes('+') || part.includes('/')) return undefined
  try {
    return Buffer.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), 'latin1')
  } catch {
    return undefined
  }
}

export async function verifyRs256(token: string, getKey: JWTVerifyGetKey, rules: ClaimRules): Promise<JWTPayload> {
  const parts = token.split('.')
  if (parts.length !== 3) throw new errors.JWSInvalid('Invalid Compact JWS')
  const [h, p, s] = parts as [string, string, string]
  const headerBytes = base64url(h)
  const header = headerBytes && jsonObject(headerBytes)
  if (!header) throw new errors.JWSInvalid('JWS Protected Header is invalid')
  checkCrit(header)
  if (typeof header.alg !== 'string' || !header.alg) throw new errors.JWSInvalid('JWS "alg" (Algorithm) Header Parameter missing or invalid')
  if (header.alg !== 'RS256') throw new errors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed')
  const k = await getKey(header as Parameters<JWTVerifyGetKey>[0], { protected: h, payload: p, signature: s })
  if (/[^\x00-\x7f]/.test(p)) throw new errors.JWSInvalid('The payload is not a valid base64url string')
  const signature = base64url(s)
  if (!signature) throw new errors.JWSInvalid('Failed to base64url decode the signature')
  const key = publicRsaKey(k)
  let ok = false
  try {
    ok = verify('sha256', Buffer.from(`${h}.${p}`, 'latin1'), key, signature)
  } catch {
    ok = false // a signature of the wrong length, say: OpenSSL throws where WebCrypto answers false
  }
  if (!ok) throw new errors.JWSSignatureVerificationFailed()
  const bytes = base64url(p)
  if (!bytes) throw new errors.JWSInvalid('Failed to base64url decode the payload')
  const payload = jsonObject(bytes)
  if (!payload) throw new errors.JWTInvalid('JWT Claims Set must be a top-level JSON object')
  checkClaims(payload, rules)
  return payload
}

/** No extension is understood here: a well-formed `crit` names one jose would not recognise either. */
function checkCrit(header: Record<string, unknown>): void {
  const crit = header.crit
  if (crit === undefined) return
  if (!Array.isArray(crit) || crit.length === 0 || crit.some((c) => typeof c !== 'string' || c.length === 0)) throw new errors.JWSInvalid('"crit" (Critical) Header Parameter MUST be an array of non-empty strings when present')
  throw new errors.JOSENotSupported(`Extension Header Parameter "${String(crit[0])}" is not recognized`)
}

const failed = (message: string, c: JWTPayload, claim: string, reason = 'check_failed') => new errors.JWTClaimValidationFailed(message, c, claim, reason as never)

function checkClaims(c: JWTPayload, r: ClaimRules): void {
  for (const claim of ['iss', ...(r.audience !== undefined ? ['aud'] : []), 'iat', 'exp']) if (!Object.hasOwn(c, claim)) throw failed(`missing required "${claim}" claim`, c, claim, 'missing')
  if (!r.issuers.includes(c.iss as string)) throw failed('unexpected "iss" claim value', c, 'iss')
  if (r.audience !== undefined && !(typeof c.aud === 'string' ? c.aud === r.audience : Array.isArray(c.aud) && c.aud.includes(r.audience))) throw failed('unexpected "aud" claim value', c, 'aud')
  const now = r.now ? r.now() : Math.floor(Date.now() / 1000)
  const numeric = (claim: 'iat' | 'nbf' | 'exp') => {
    const v = c[claim]
    if (v !== undefined && typeof v !== 'number') throw failed(`"${claim}" claim must be a number`, c, claim, 'invalid')
    return v
  }
  numeric('iat')
  const nbf = numeric('nbf')
  if (nbf !== undefined && nbf > now + r.clockToleranceS) throw failed('"nbf" claim timestamp check failed', c, 'nbf')
  const exp = numeric('exp')
  if (exp !== undefined && exp <= now - r.clockToleranceS) throw new errors.JWTExpired('"exp" claim timestamp check failed', c, 'exp', 'check_failed')
}

/** A JSON object, or undefined for anything else (other JSON, bad UTF-8, bad JSON). */
function jsonObject(bytes: Buffer): Record<string, unknown> | undefined {
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
      throw new TypeError('Key must be one of type KeyObject, CryptoKey, or JSON Web Key')
    }
    converted.set(k as object, key)
  }
  if (key.type !== 'public' || key.asymmetricKeyType !== 'rsa') throw new TypeError('Key for the RS256 algorithm must be a public RSASSA-PKCS1-v1_5 key')
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new TypeError('RS256 requires key modulusLength to be 2048 bits or larger')
  return key
}
