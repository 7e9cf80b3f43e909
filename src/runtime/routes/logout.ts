import { signOutUrlOf } from '../../compiler/derive.js'
import { clearCookie } from '../cookies.js'
import { redirect } from '../http.js'
import { allowedRedirect } from '../redirect.js'
import { SESSION_COOKIE } from '../sessions.js'
import { checkProvider, cookieAttrs } from './_provider.js'
import type { Route } from './types.js'

/**
 * GET /oauth2/logout/{provider}?redirect_uri= → clears the session and sends the browser to the
 * IdP's logout. Cognito: client_id + logout_uri; OIDC providers: client_id +
 * post_logout_redirect_uri (Auth0's returnTo is a future row's logout style).
 */
export const logout: Route = async (i) => {
  checkProvider(i)
  const { ctx } = i
  const back = allowedRedirect(i.url.searchParams.get('redirect_uri'), ctx.config, signOutUrlOf(ctx.config.registryUrl))
  const u = new URL(ctx.endpoints.logout)
  u.searchParams.set('client_id', ctx.row.clientId(ctx.section))
  u.searchParams.set(ctx.row.logoutStyle === 'cognito' ? 'logout_uri' : 'post_logout_redirect_uri', back)
  return redirect(u.href, [clearCookie(SESSION_COOKIE, cookieAttrs(i))])
}
