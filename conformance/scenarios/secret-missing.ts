import { dropVar, without } from '../edit.js'
import type { Scenario } from '../types.js'

/** Each secret the spec references, missing from the deployment: the auth-server refuses to start and names it. */
export default {
  id: 'secret-missing',
  title: 'a missing secret fails at start with a clear message',
  async run(t) {
    const out: Record<string, { started: boolean; named: boolean }> = {}
    for (const name of t.spec.secretNames.filter((n) => t.runtimeNeeds(n))) {
      const r = await t.tryStart(dropVar(t.surface, t.prepared.files, name), without(t.processEnv, name))
      const named = r.problems.some((p) => p.includes(name))
      t.check(`${name} missing: started`, r.started, false)
      if (!named) t.fail(`${name} missing: no problem names it (${r.problems.join(' | ')})`)
      out[name] = { started: r.started, named }
    }
    return out
  },
} satisfies Scenario
