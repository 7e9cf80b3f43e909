import { callbackUrlOf } from '../../compiler/derive.js'
import { deleteCookie, parseCookies, setCookie } from '../cookies.js'
import { AuthError } from '../../errors.js'
import { header, redirect } from '../http.js'
import { validateAuthResponse } from '../oidc/callback.js'
import { processTokenResponse, tokenRequest } from '../oidc/token-request.js'
import { sessionGroups } from '../session-groups.js'
import { SESSION_COOKIE, STATE_COOKIE } from '../sessions.js'
import { checkProvider, sessionCookieAttrs } from './_provider.js'
import type { Route } from './types.js'

/** GET /oauth2/callback/{provider}: checks, code exchange, ID token verification, session, 302. */
export const callback: Route = async (i) => {
  checkProvider(i)
  const { ctx } = i
  const st = await ctx.sealer.openState(parseCookies(header(i.req, 'cookie')).get(STATE_COOKIE))
  if (!st || st.provider !== ctx.config.provider) throw new AuthError('STATE_COOKIE_MISSING', 400, 'no login in progress (the state cookie is missing or expired); start again at /oauth2/login')
  const code = validateAuthResponse(i.url.searchParams, st.state, ctx.endpoints.issuers)
  const res = await tokenRequest({
    tokenUrl: ctx.endpoints.token,
    clientId: ctx.row.clientId(ctx.section),
    clientSecret: ctx.row.clientSecret(ctx.section),
    code,
    redirectUri: callbackUrlOf(ctx.config.externalUrl, ctx.config.provider),
    codeVerifier: st.codeVerifier,
    timeoutMs: ctx.idpTimeoutMs,
    ...(ctx.idpFetch ? { fetch: ctx.idpFetch } : {}),
  }).catch(() => {
    throw new AuthError('TOKEN_EXCHANGE_FAILED', 502, 'the identity provider token endpoint did not answer')
  })
  const { idToken } = await processTokenResponse(res)
  const claims = await ctx.verifier.verify(idToken, { audience: ctx.row.clientId(ctx.section), nonce: st.nonce })
  const id = ctx.row.fromIdToken(claims, ctx.section)
  const groups = await sessionGroups(id.groups, ctx.config.allowedGroups, ctx.source, ctx.log)
  const maxAge = ctx.config.cookie.maxAgeSeconds
  const sessionId = await ctx.sessions.create({
    username: id.username,
    ...(id.email ? { email: id.email } : {}),
    ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
    groups,
    provider: ctx.config.provider,
    ...(typeof claims.sub === 'string' ? { subject: claims.sub } : {}),
    idToken,
  }, maxAge).catch(() => {
    throw new AuthError('STORAGE_UNAVAILABLE', 503, 'the session could not be stored; try again')
  })
  const cookies = [setCookie(SESSION_COOKIE, ctx.cookieSigner.dumps(sessionId), { ...sessionCookieAttrs(i), maxAge }), deleteCookie(STATE_COOKIE)]
  return { ...redirect(st.redirect, cookies), log: { user: id.username, authMethod: 'oauth2' } }
}
