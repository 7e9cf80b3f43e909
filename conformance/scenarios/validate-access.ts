import type { Scenario } from '../types.js'

/** /validate allow and deny per server, method and tool for each mapped group (Bearer ID tokens). */
export default {
  id: 'validate-access',
  title: '/validate allow/deny for servers, methods and tools',
  async run(t) {
    const out: Record<string, unknown> = { anonymous: await t.validate({}, 'any-server', 'initialize') }
    t.check('no credentials', (out.anonymous as { status: number }).status, 401)
    for (const m of t.spec.mappedGroups) {
      const bearer = await t.bearer([m.group])
      const cases: [string, string, string, string | undefined, number | undefined][] = [
        ['allowed', m.server, m.method, m.tool, 200],
        ['other-server', 'no-such-server', m.method, m.tool, m.server === 'any-server' ? 200 : 403],
        ['other-tool', m.server, 'tools/call', 'no_such_tool', m.tool === 'any_tool' ? 200 : 403],
        ['other-method', m.server, 'resources/templates/list', undefined, undefined],
      ]
      for (const [name, server, method, tool, want] of cases) {
        const r = await t.validate({ bearer }, server, method, tool)
        if (want !== undefined) t.check(`${m.group} ${name}`, r.status, want)
        out[`${m.group} ${name}`] = r
      }
    }
    return out as never
  },
} satisfies Scenario
