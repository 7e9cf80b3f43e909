import { normCookies, normUrl } from '../observe.js'
import type { Scenario } from '../types.js'

/** Logout clears the session and sends the browser to the IdP with the provider's parameters and <registry>/login. */
export default {
  id: 'logout',
  title: 'logout redirect with provider-correct parameters and the sign-out URL',
  async run(t) {
    const v = await t.login(['registry-admins'])
    const res = await v.request(`${t.spec.externalUrl}/oauth2/logout/${t.spec.provider}`)
    const to = new URL(res.headers.get('location') ?? 'about:blank')
    t.check('status', res.status, 302)
    t.check('client_id', to.searchParams.get('client_id'), t.spec.clientId)
    t.check(t.adapter.logoutReturnParam, to.searchParams.get(t.adapter.logoutReturnParam), `${t.spec.registryUrl}/login`)
    t.check('session cleared', v.cookies().has('mcp_gateway_session'), false)
    const idp = await fetch(to, { redirect: 'manual' })
    if (t.spec.provider === 'cognito') t.check('Cognito accepts the sign-out URL', idp.headers.get('location'), `${t.spec.registryUrl}/login`)
    const o = { idp: t.idp.baseUrl, local: t.local }
    return { status: res.status, location: normUrl(to.href, o), cookies: normCookies(res.headers.getSetCookie()), idp: { status: idp.status, location: normUrl(idp.headers.get('location'), o) } }
  },
} satisfies Scenario
