import type { Scenario } from '../types.js'

/** The spec's own `expectations:` (policy tests for its scope mappings), on every surface. */
export default {
  id: 'expectations',
  title: "the spec's access expectations",
  async run(t) {
    const out: Record<string, number> = {}
    for (const e of t.spec.expectations) {
      const label = `[${e.groups.join(',')}] ${e.method} ${e.server}${e.tool ? ` ${e.tool}` : ''}`
      const r = await t.validate({ bearer: await t.bearer(e.groups) }, e.server, e.method!, e.tool)
      t.check(`${label} ${e.allow ? 'allowed' : 'denied'}`, r.status, e.allow ? 200 : 403)
      out[label] = r.status as number
    }
    return out
  },
} satisfies Scenario
