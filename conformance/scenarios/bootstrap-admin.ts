import type { Scenario } from '../types.js'

/** The seeded registry-admins document: every server, method and tool. */
export default {
  id: 'bootstrap-admin',
  title: 'bootstrap registry-admins may do everything',
  async run(t) {
    const v = await t.login(['registry-admins'])
    const calls: [string, string, string?][] = [['fininfo', 'tools/call', 'anything'], ['a/b', 'resources/list'], ['currenttime', 'initialize']]
    const out: Record<string, unknown> = {}
    for (const [server, method, tool] of calls) {
      const r = await t.validate({ cookie: v.cookieHeader() }, server, method, tool)
      t.check(`${server} ${method}`, r.status, 200)
      t.check(`${server} scopes`, (r.headers as Record<string, string>)['x-scopes'], 'registry-admins')
      out[`${server} ${method}`] = r
    }
    return out as never
  },
} satisfies Scenario
