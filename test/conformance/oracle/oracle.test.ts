import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMongo, type MongoServer } from '../../../conformance/harness/mongo.js'
import { defaultRegistryDir, registryAuthServerMissing } from '../../../conformance/harness/registry-auth-server.js'
import { renderWithOracle } from '../../../conformance/oracle/render.js'
import { runConformance } from '../../../conformance/runner.js'
import { renderVerdict } from '../../../conformance/verdict.js'
import type { Surface } from '../../../src/compiler/types.js'

const registry = defaultRegistryDir()
const missing = registryAuthServerMissing(registry)
// helm and helm-stack from their real render on the checkout (as `regcfg conformance --registry DIR --oracle`);
// terraform from regcfg's model of its environment, and env not at all, while their rendered start is being
// reworked. REGCFG_ORACLE_SURFACES=env,terraform,helm,helm-stack runs the given surfaces rendered instead.
// PingFederate (the other provider whose URLs are settings) on helm and helm-stack, rendered.
const RUNS: { spec: string; surfaces: Surface[]; rendered: boolean }[] = process.env.REGCFG_ORACLE_SURFACES
  ? [{ spec: 'examples/keycloak.yaml', surfaces: process.env.REGCFG_ORACLE_SURFACES.split(',') as Surface[], rendered: true }]
  : [
      { spec: 'examples/keycloak.yaml', surfaces: ['helm', 'helm-stack'], rendered: true },
      { spec: 'examples/keycloak.yaml', surfaces: ['terraform'], rendered: false },
      { spec: 'examples/pingfederate.yaml', surfaces: ['helm', 'helm-stack'], rendered: true },
    ]

describe.skipIf(missing !== undefined)(`conformance --oracle${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let mongo: MongoServer
  beforeAll(async () => {
    mongo = await startMongo({ log: () => {} })
  })
  afterAll(async () => mongo?.stop())

  for (const { spec, surfaces, rendered } of RUNS) {
    it(`${spec} on ${surfaces.join(', ')} (${rendered ? 'rendered' : "regcfg's model of the environment"}): every scenario on the registry's server too, the same up to docs/deviations.md`, async () => {
      const r = await runConformance(spec, { mongo, surfaces, ...(rendered ? { registryDir: registry } : {}), oracle: { registryDir: registry } })
      const text = `${renderVerdict(r.verdict)}\n\n${renderWithOracle(r.verdict, r.oracle!)}`
      console.log(text)
      expect(r.oracle!.ok, text).toBe(true)
    }, 600_000)
  }
})
