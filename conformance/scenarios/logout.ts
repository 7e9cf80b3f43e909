import { normCookies, normUrl } from '../observe.js'
import { reach } from '../harness/named-idp.js'
import type { Scenario } from '../types.js'

/**
 * Logout sends the browser to the IdP with the provider's parameters (adapter data: the return parameter,
 * whether client_id is sent) and <registry>/login; the mock IdP accepts them. The session itself is the
 * registry's to end (1.29.0: its /logout deletes the record and the cookie and calls this route over the
 * internal network; nginx answers 404 to a browser's /oauth2/logout/), so the auth-server sets no cookie.
 */
export default {
  id: 'logout',
  title: 'logout redirect with provider-correct parameters and the sign-out URL',
  async run(t) {
    const v = await t.login(['registry-admins'])
    const res = await v.request(`${t.spec.externalUrl}/oauth2/logout/${t.spec.provider}`)
    const to = new URL(res.headers.get('location') ?? 'about:blank')
    const l = t.adapter.logout
    t.check('status', res.status, 302)
    t.check('client_id', to.searchParams.get('client_id'), l.clientId ? t.spec.clientId : null)
    t.check(l.returnParam, to.searchParams.get(l.returnParam), `${t.spec.registryUrl}/login`)
    t.check('no Set-Cookie from the auth-server', res.headers.getSetCookie(), [])
    const idp = await fetch(reach(t.idpOrigins, to.href), { redirect: 'manual' })
    await idp.arrayBuffer()
    t.check('the IdP accepts the logout request', idp.status, l.idpAnswers)
    if (l.idpAnswers === 302) t.check('the IdP sends the browser back to the sign-out URL', idp.headers.get('location'), `${t.spec.registryUrl}/login`)
    const o = { idp: t.idp.baseUrl, local: t.local }
    return { status: res.status, location: normUrl(to.href, o), cookies: normCookies(res.headers.getSetCookie()), idp: { status: idp.status, location: normUrl(idp.headers.get('location'), o) } }
  },
} satisfies Scenario
