import { signOutUrlOf } from '../../compiler/derive.js'
import { redirect } from '../http.js'
import { allowedRedirect } from '../redirect.js'
import { checkProvider } from './_provider.js'
import type { Route } from './types.js'

/** Entra answers AADSTS90015 when the logout URL is longer than this; the hint is dropped first. */
export const ENTRA_LOGOUT_URL_MAX = 2000

/** A compact JWS as an id_token_hint (upstream's `?id_token_hint=`); anything else is ignored, never echoed. */
function idTokenHint(v: string | null): string | undefined {
  return v !== null && v.length <= 16_384 && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(v) ? v : undefined
}

/**
 * GET /oauth2/logout/{provider}?redirect_uri=&id_token_hint= → sends the browser to the IdP's logout with the provider's parameters (see LogoutStyle):
 * Cognito client_id + logout_uri; Auth0 client_id + returnTo; Entra post_logout_redirect_uri
 * (+ hint while ≤ 2000 characters); Keycloak, Okta, PingFederate client_id +
 * post_logout_redirect_uri (+ hint).
 */
export const logout: Route = async (i) => {
  checkProvider(i)
  const { ctx } = i
  const back = allowedRedirect(i.url.searchParams.get('redirect_uri'), ctx.config, signOutUrlOf(ctx.config.registryUrl))
  const hint = idTokenHint(i.url.searchParams.get('id_token_hint'))
  const u = new URL(ctx.endpoints.logout)
  const q = u.searchParams
  switch (ctx.row.logoutStyle) {
    case 'cognito':
      q.set('client_id', ctx.row.clientId(ctx.section))
      q.set('logout_uri', back)
      break
    case 'auth0':
      q.set('client_id', ctx.row.clientId(ctx.section))
      q.set('returnTo', back)
      break
    case 'entra': {
      q.set('post_logout_redirect_uri', back)
      if (hint) {
        const withHint = new URL(u.href)
        withHint.searchParams.set('id_token_hint', hint)
        if (withHint.href.length <= ENTRA_LOGOUT_URL_MAX) q.set('id_token_hint', hint)
      }
      break
    }
    default:
      q.set('client_id', ctx.row.clientId(ctx.section))
      q.set('post_logout_redirect_uri', back)
      if (hint) q.set('id_token_hint', hint)
  }
  // the session is the registry's to end (its /logout deletes the record and the cookie, then calls this
  // route over the internal network; nginx answers 404 to a browser's /oauth2/logout/): no Set-Cookie here,
  // as the registry's auth-server sends none
  return redirect(u.href)
}
