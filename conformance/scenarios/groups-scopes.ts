import type { Scenario } from '../types.js'

/** For every group the spec maps: log in as a member; /validate shows the group and its mapped scope. */
export default {
  id: 'groups-scopes',
  title: 'groups claim → mapped scopes (every mapping of the spec)',
  async run(t) {
    const seen: Record<string, unknown> = {}
    for (const m of t.spec.mappedGroups) {
      const v = await t.login([m.group])
      const r = await t.validate({ cookie: v.cookieHeader() }, m.server, m.method, m.tool)
      const h = r.headers as Record<string, string>
      t.check(`${m.group} status`, r.status, 200)
      t.check(`${m.group} groups`, h['x-groups'], m.group)
      if (!(h['x-scopes'] ?? '').split(' ').includes(m.scope)) t.fail(`${m.group}: X-Scopes "${h['x-scopes']}" lacks ${m.scope}`)
      seen[m.group] = r
    }
    return seen as never
  },
} satisfies Scenario
