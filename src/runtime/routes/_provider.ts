import { AuthError } from '../../errors.js'
import type { RouteInput } from './types.js'

/** Only the configured provider has login, callback and logout routes. */
export function checkProvider(i: RouteInput): void {
  if (i.provider !== i.ctx.config.provider) throw new AuthError('UNKNOWN_PROVIDER', 404, `provider "${String(i.provider).slice(0, 40)}" is not enabled (enabled: ${i.ctx.config.provider})`)
}

export const cookieAttrs = (i: RouteInput) => ({ secure: i.ctx.config.cookie.secure, sameSite: 'Lax' as const, ...(i.ctx.config.cookie.domain ? { domain: i.ctx.config.cookie.domain } : {}) })
