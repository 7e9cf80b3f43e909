import type { Scenario } from '../types.js'

/** The login sends redirect_uri = <externalUrl>/oauth2/callback/<provider>, exactly what the IdP has registered. */
export default {
  id: 'callback-url',
  title: 'callback URL is exactly <externalUrl>/oauth2/callback/<provider>',
  async run(t) {
    const v = await t.login(['registry-admins'])
    const sent = new URL(v.hops[0]!.location!).searchParams.get('redirect_uri')
    const reached = v.hops.some((h) => h.url.startsWith(`${t.spec.externalUrl}/oauth2/callback/${t.spec.provider}?`))
    t.check('redirect_uri', sent, `${t.spec.externalUrl}/oauth2/callback/${t.spec.provider}`)
    t.check('the IdP accepted it and came back to it', reached, true)
    return { redirect_uri: sent, reached }
  },
} satisfies Scenario
