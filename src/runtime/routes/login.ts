import { callbackUrlOf } from '../../compiler/derive.js'
import { setCookie } from '../cookies.js'
import { redirect } from '../http.js'
import { buildAuthorizationUrl, randomToken } from '../oidc/authorize.js'
import { allowedRedirect } from '../redirect.js'
import { STATE_COOKIE, STATE_MAX_AGE } from '../sessions.js'
import { checkProvider, stateCookieAttrs } from './_provider.js'
import type { Route } from './types.js'

/** GET /oauth2/login/{provider}?redirect_uri= → 302 to the IdP with state, nonce and PKCE S256. */
export const login: Route = async (i) => {
  checkProvider(i)
  const { ctx } = i
  const target = allowedRedirect(i.url.searchParams.get('redirect_uri'), ctx.config, `${ctx.config.registryUrl}/`)
  const st = { state: randomToken(), nonce: randomToken(), codeVerifier: randomToken(), provider: ctx.config.provider, redirect: target }
  const location = buildAuthorizationUrl({
    authorizeUrl: ctx.endpoints.authorize,
    clientId: ctx.row.clientId(ctx.section),
    redirectUri: callbackUrlOf(ctx.config.externalUrl, ctx.config.provider),
    scope: ctx.row.scopes,
    ...st,
  })
  const cookie = setCookie(STATE_COOKIE, await ctx.sealer.sealState(st), { ...stateCookieAttrs(i), maxAge: STATE_MAX_AGE })
  return redirect(location, [cookie])
}
