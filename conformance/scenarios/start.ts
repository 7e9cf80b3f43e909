import type { Observation, Scenario } from '../types.js'

/** The auth-server starts from the surface's own files, answers /health and lists its provider. */
export default {
  id: 'start',
  title: 'starts from the surface files; /health and /oauth2/providers',
  needsServer: false,
  async run(t): Promise<Observation> {
    if (!t.running) {
      t.fail(`did not start: ${t.prepared.problems.join('; ')}`)
      return { started: false }
    }
    const health = await fetch(`${t.local}/health`)
    const providers = (await (await fetch(`${t.local}/oauth2/providers`)).json()) as { providers: { name: string }[] }
    t.check('health', health.status, 200)
    t.check('providers', providers.providers.map((p) => p.name), [t.spec.provider])
    return { started: true, health: health.status, providers }
  },
} satisfies Scenario
