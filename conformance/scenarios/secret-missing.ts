import { dropVar, without } from '../edit.js'
import type { Scenario } from '../types.js'

/**
 * Each secret the spec references, missing from the deployment: the auth-server refuses to start and
 * names it. A secret the deployment generates itself on this surface (the render or the model says so:
 * SECRET_KEY on ECS, Keycloak's client secret in a stack that deploys Keycloak) is not the user's to
 * supply and is left out. The
 * observation is the outcome, so surfaces that need different secrets still compare equal.
 */
export default {
  id: 'secret-missing',
  title: 'a missing secret fails at start with a clear message',
  async run(t) {
    let refused = true
    let named = true
    for (const name of t.spec.secretNames.filter((n) => t.runtimeNeeds(n) && !t.prepared.generated.includes(n))) {
      const r = await t.tryStart(dropVar(t.surface, t.prepared.files, name), without(t.processEnv, name))
      if (r.started) {
        refused = false
        t.fail(`${name} missing: the auth-server started anyway`)
      }
      if (!r.problems.some((p) => p.includes(name))) {
        named = false
        t.fail(`${name} missing: no problem names it (${r.problems.join(' | ')})`)
      }
    }
    return { refused, named }
  },
} satisfies Scenario
