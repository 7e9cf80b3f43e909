/**
 * Where login and logout may send the browser afterwards (no open redirect): a path on the
 * registry, an exact entry of OAUTH2_ALLOWED_REDIRECT_URIS, or a URL on the registry's or the
 * auth-server's own origin. Upstream falls back to a cookie-domain heuristic; regcfg does not.
 */
import type { RuntimeConfig } from './config.js'
import { AuthError } from '../errors.js'

const refuse = (): never => {
  throw new AuthError('REDIRECT_NOT_ALLOWED', 400, 'redirect_uri is not allowed (add it to OAUTH2_ALLOWED_REDIRECT_URIS)')
}

export function allowedRedirect(target: string | null | undefined, cfg: RuntimeConfig, fallback: string): string {
  if (!target) return fallback
  if (target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\')) return new URL(target, cfg.registryUrl).href
  if (cfg.redirectAllowlist.includes(target)) return target
  let u: URL
  try {
    u = new URL(target)
  } catch {
    return refuse()
  }
  const origins = [new URL(cfg.registryUrl).origin, new URL(cfg.externalUrl).origin]
  if (u.username || u.password || !origins.includes(u.origin)) refuse()
  return u.href
}
