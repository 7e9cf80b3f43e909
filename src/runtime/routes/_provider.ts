import { AuthError } from '../../errors.js'
import type { RouteInput } from './types.js'

/** Only the configured provider has login, callback and logout routes. */
export function checkProvider(i: RouteInput): void {
  if (i.provider !== i.ctx.config.provider) throw new AuthError('UNKNOWN_PROVIDER', 404, `provider "${String(i.provider).slice(0, 40)}" is not enabled (enabled: ${i.ctx.config.provider})`)
}

/** The request reached the registry over https, as the registry's auth-server tells (server.py `is_request_https`). */
export function requestIsHttps(i: RouteInput): boolean {
  const proto = (name: string) => String(i.req.headers[name] ?? '').toLowerCase()
  return proto('x-cloudfront-forwarded-proto') === 'https' || proto('x-forwarded-proto') === 'https'
}

/**
 * The session cookie's attributes as the registry's auth-server sets them: Secure only when the request
 * came over https (a browser drops a Secure cookie sent over plain http) and SESSION_COOKIE_SECURE is not
 * false; Domain only when SESSION_COOKIE_DOMAIN is set.
 */
export const sessionCookieAttrs = (i: RouteInput) => ({ secure: i.ctx.config.cookie.secure && requestIsHttps(i), sameSite: 'lax' as const, ...(i.ctx.config.cookie.domain ? { domain: i.ctx.config.cookie.domain } : {}) })

/** The login's temporary cookie: never a Domain; Secure when the auth-server's public URL is https. */
export const stateCookieAttrs = (i: RouteInput) => ({ secure: i.ctx.config.externalUrl.startsWith('https'), sameSite: 'lax' as const })
