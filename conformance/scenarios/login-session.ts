import { normCookies, normUrl } from '../observe.js'
import type { Scenario } from '../types.js'

/** Browser login → IdP → callback → session cookie → back to the registry; the session validates. */
export default {
  id: 'login-session',
  title: 'browser login → callback → session',
  async run(t) {
    const v = await t.login(['registry-admins'])
    const o = { idp: t.idp.baseUrl, local: t.local }
    const [login, ...rest] = v.hops
    const callback = rest.find((h) => h.url.includes('/oauth2/callback/'))
    const authorize = new URL(login!.location!)
    t.check('PKCE method', authorize.searchParams.get('code_challenge_method'), 'S256')
    for (const p of ['state', 'nonce', 'code_challenge']) if (!authorize.searchParams.get(p)) t.fail(`authorize URL has no ${p}`)
    t.check('back at', v.hops.at(-1)!.location, `${t.spec.registryUrl}/servers`)
    t.check('session cookie', v.cookies().has('mcp_gateway_session'), true)
    const validate = await t.validate({ cookie: v.cookieHeader() }, 'any-server', 'initialize')
    t.check('validate with the session', [validate.status, (validate.headers as Record<string, string>)['x-auth-method']], [200, 'session_cookie'])
    return {
      login: { status: login!.status, location: normUrl(login!.location, o), cookies: normCookies(login!.setCookies) },
      callback: callback ? { status: callback.status, location: normUrl(callback.location, o), cookies: normCookies(callback.setCookies) } : null,
      validate,
    }
  },
} satisfies Scenario
