import type { Scenario } from '../types.js'

/** A user whose groups map to nothing logs in fine and is refused on every server (403, "no scopes configured"). */
export default {
  id: 'unmapped-group',
  title: 'user in an unmapped group → 403',
  async run(t) {
    const v = await t.login(['no-such-group'])
    t.check('login still completes', v.cookies().has('mcp_gateway_session'), true)
    const r = await t.validate({ cookie: v.cookieHeader() }, 'currenttime', 'initialize')
    t.check('validate', [r.status, /user has no scopes configured$/.test(String(r.error))], [403, true])
    return r
  },
} satisfies Scenario
