import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMongo, type MongoServer } from '../../../conformance/harness/mongo.js'
import { defaultRegistryDir, registryAuthServerMissing } from '../../../conformance/harness/registry-auth-server.js'
import { renderWithOracle } from '../../../conformance/oracle/render.js'
import { runConformance } from '../../../conformance/runner.js'
import { renderVerdict } from '../../../conformance/verdict.js'
import { SURFACES, type Surface } from '../../../src/compiler/types.js'

const registry = defaultRegistryDir()
const missing = registryAuthServerMissing(registry)
const surfaces = (process.env.REGCFG_ORACLE_SURFACES?.split(',') ?? SURFACES) as Surface[]

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
