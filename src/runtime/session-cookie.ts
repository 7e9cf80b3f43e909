/**
 * The session cookie's value as the registry reads it: an itsdangerous `URLSafeTimedSerializer(SECRET_KEY)`
 * token over the session id (auth_server/server.py `signer`, registry/auth/dependencies.py `signer`), so a
 * login through regcfg's auth-server is a login the registry's UI and API accept, and the other way round.
 *
 * The format, with itsdangerous's defaults (salt "itsdangerous", key derivation "django-concat", HMAC-SHA1):
 *   payload    base64url(JSON of the value, compact), or "." + base64url(zlib(JSON)) when that is shorter
 *   timestamp  base64url(the Unix time in seconds as a minimal big-endian integer)
 *   signature  base64url(HMAC-SHA1(SHA1("itsdangerous" + "signer" + SECRET_KEY), payload + "." + timestamp))
 *   value      payload + "." + timestamp + "." + signature        (base64url without "=" padding)
 * Tested against the real itsdangerous (test/runtime/session-cookie.test.ts): Python signs, we read; we
 * sign, Python reads.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { deflateSync, inflateSync } from 'node:zlib'

const SALT = 'itsdangerous'

export type Unsigned = { ok: true; value: unknown; signedAt: number } | { ok: false; why: 'malformed' | 'bad signature' | 'expired' }

export class TimedSerializer {
  private readonly key: Buffer
  constructor(secretKey: string) {
    this.key = createHash('sha1').update(`${SALT}signer`).update(secretKey, 'utf8').digest()
  }

  private signature(value: string): string {
    return createHmac('sha1', this.key).update(value, 'latin1').digest('base64url')
  }

  dumps(value: unknown, now = Date.now() / 1000): string {
    const json = Buffer.from(JSON.stringify(value), 'utf8')
    const compressed = deflateSync(json)
    const payload = compressed.length < json.length - 1 ? `.${compressed.toString('base64url')}` : json.toString('base64url')
    const signed = `${payload}.${intBytes(Math.floor(now)).toString('base64url')}`
    return `${signed}.${this.signature(signed)}`
  }

  /** The value, if the signature is ours and it was signed at most maxAgeSeconds ago (and not in the future). */
  loads(token: string, maxAgeSeconds: number, now = Date.now() / 1000): Unsigned {
    const s = token.lastIndexOf('.')
    if (s <= 0) return { ok: false, why: 'malformed' }
    const signed = token.slice(0, s)
    const given = Buffer.from(token.slice(s + 1), 'base64url')
    const want = Buffer.from(this.signature(signed), 'base64url')
    if (given.length !== want.length || !timingSafeEqual(given, want)) return { ok: false, why: 'bad signature' }
    const t = signed.lastIndexOf('.')
    if (t <= 0) return { ok: false, why: 'malformed' }
    const signedAt = bytesInt(Buffer.from(signed.slice(t + 1), 'base64url'))
    const age = now - signedAt
    if (age > maxAgeSeconds || age < 0) return { ok: false, why: 'expired' }
    try {
      const payload = signed.slice(0, t)
      const json = payload.startsWith('.') ? inflateSync(Buffer.from(payload.slice(1), 'base64url')) : Buffer.from(payload, 'base64url')
      return { ok: true, value: JSON.parse(json.toString('utf8')), signedAt }
    } catch {
      return { ok: false, why: 'malformed' }
    }
  }
}

/** Python's int.to_bytes(minimal length, "big"). */
function intBytes(n: number): Buffer {
  const out: number[] = []
  for (let x = n; x > 0; x = Math.floor(x / 256)) out.unshift(x % 256)
  return Buffer.from(out)
}

const bytesInt = (b: Buffer): number => b.reduce((n, byte) => n * 256 + byte, 0)
