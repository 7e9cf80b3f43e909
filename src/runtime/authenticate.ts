/**
 * Who is asking: the session cookie first, then `Authorization: Bearer` (upstream order).
 * Any failure is a 401 AuthError, never an exception of another kind.
 */
import type { JWTPayload } from 'jose'
import { parseCookies } from './cookies.js'
import { AuthError, isAuthError } from '../errors.js'
import { header, type RequestHead } from './http.js'
import type { AppContext } from './context.js'
import { SESSION_COOKIE } from './sessions.js'

export interface Who {
  username: string
  email?: string
  /** The OIDC subject (a Bearer token's sub, a session's stored subject). */
  sub?: string
  clientId: string
  groups: string[]
  method: string
  /** A cookie caller's server-side session id. */
  sessionId?: string
  /** The scope names a Bearer token carries itself (its `scope` claim): the caller's scopes when it has no groups. */
  tokenScopes?: readonly string[]
}

/** The registry's auth-server's words for the two 401s (server.py /validate). */
export const MISSING_CREDENTIALS = 'Missing or invalid Authorization header. Expected: Bearer <token> or valid session cookie'
export const TOKEN_FAILED = 'Token validation failed'
const unauthenticated = () => new AuthError('NOT_AUTHENTICATED', 401, MISSING_CREDENTIALS)

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i

export async function authenticate(req: RequestHead, ctx: AppContext): Promise<Who> {
  const session = await sessionOf(parseCookies(header(req, 'cookie')).get(SESSION_COOKIE), ctx)
  // a session has no client (the registry answers X-Client-Id "" for one)
  if (session) return { username: session.username, ...(session.email ? { email: session.email } : {}), ...(session.subject ? { sub: session.subject } : {}), clientId: '', groups: session.groups, method: 'session_cookie', sessionId: session.sessionId }
  const auth = header(req, 'authorization')
  if (!auth?.startsWith('Bearer ')) throw unauthenticated()
  const m = BEARER.exec(auth)
  if (!m) throw new AuthError('TOKEN_INVALID', 401, TOKEN_FAILED)
  let claims: JWTPayload
  try {
    claims = await ctx.verifier.verify(m[1]!, {})
  } catch (e) {
    if (isAuthError(e) && e.status !== 401) throw e
    throw new AuthError('TOKEN_INVALID', 401, TOKEN_FAILED)
  }
  return bearerIdentity(claims, ctx)
}

/**
 * The session a cookie names: a signature of ours over a session id (a string; the registry refuses the
 * legacy dict payloads too) at most the session's age old, and a live record. Anything else is no session
 * (the request goes on to the Bearer token, as the registry's does).
 */
async function sessionOf(cookie: string | undefined, ctx: AppContext) {
  if (!cookie) return undefined
  const v = ctx.cookieSigner.loads(cookie, ctx.config.cookie.maxAgeSeconds)
  if (!v.ok || typeof v.value !== 'string') return undefined
  return ctx.sessions.resolve(v.value)
}

/**
 * The caller when no I/O is needed to know it: no cookie at all (a session would come first) and a
 * Bearer token the cache verified before. undefined sends the request to `authenticate`.
 */
export function cachedBearer(req: RequestHead, ctx: AppContext): Who | undefined {
  if (req.headers.cookie !== undefined) return undefined
  const auth = header(req, 'authorization')
  // only tokens that passed BEARER are in the cache, so the exact "Bearer <token>" form needs no regex
  // here; any other spelling misses and `authenticate` reads it
  const claims = auth?.startsWith('Bearer ') ? ctx.verifier.peek(auth.slice(7)) : undefined
  return claims && bearerIdentity(claims, ctx)
}

/**
 * Claims → who, once per verified payload: cached payloads are frozen and shared, so the identity built
 * from one is too (and goes with it when the token cache lets the payload go).
 */
const identities = new WeakMap<JWTPayload, Who>()
function bearerIdentity(claims: JWTPayload, ctx: AppContext): Who {
  const known = identities.get(claims)
  if (known) return known
  let who: Who
  try {
    const id = ctx.row.fromBearer(claims, ctx.section, ctx.config.ideClientId)
    who = { username: id.username, ...(id.email ? { email: id.email } : {}), ...(typeof claims.sub === 'string' ? { sub: claims.sub } : {}), clientId: id.clientId, groups: id.groups, method: ctx.row.id, ...(id.tokenScopes.length ? { tokenScopes: id.tokenScopes } : {}) }
  } catch (e) {
    if (isAuthError(e) && e.status !== 401) throw e
    throw new AuthError('TOKEN_INVALID', 401, TOKEN_FAILED)
  }
  // only what the token cache holds (it freezes the payloads it keeps) is worth remembering: an entry per
  // token seen once would only grow the table until the next full collection
  if (Object.isFrozen(claims)) {
    Object.freeze(who.groups)
    if (who.tokenScopes) Object.freeze(who.tokenScopes)
    identities.set(claims, Object.freeze(who))
  }
  return who
}
