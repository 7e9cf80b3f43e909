/**
 * Who is asking: the session cookie first, then `Authorization: Bearer` (upstream order).
 * Any failure is a 401 AuthError, never an exception of another kind.
 */
import type { IncomingMessage } from 'node:http'
import { parseCookies } from './cookies.js'
import { AuthError, isAuthError } from './errors.js'
import { header } from './http.js'
import type { AppContext } from './context.js'
import { SESSION_COOKIE } from './sessions.js'

export interface Who {
  username: string
  email?: string
  clientId: string
  groups: string[]
  method: string
}

const unauthenticated = (why: string) => new AuthError('NOT_AUTHENTICATED', 401, why)

export async function authenticate(req: IncomingMessage, ctx: AppContext): Promise<Who> {
  const session = await ctx.sealer.openSession(parseCookies(header(req, 'cookie')).get(SESSION_COOKIE))
  if (session && session.provider === ctx.config.provider) return { username: session.username, ...(session.email ? { email: session.email } : {}), clientId: ctx.row.clientId(ctx.section), groups: session.groups, method: 'session_cookie' }
  const auth = header(req, 'authorization')
  const m = auth ? /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(auth) : null
  if (!m) throw unauthenticated(auth ? 'malformed Authorization header' : 'no session cookie or Bearer token')
  try {
    const claims = await ctx.verifier.verify(m[1]!, {})
    const id = ctx.row.fromBearer(claims, ctx.section, ctx.config.ideClientId)
    return { username: id.username, ...(id.email ? { email: id.email } : {}), clientId: id.clientId, groups: id.groups, method: ctx.row.id }
  } catch (e) {
    if (isAuthError(e)) throw e
    throw new AuthError('TOKEN_INVALID', 401, 'token rejected')
  }
}
