import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMongo, type MongoServer } from '../../../conformance/harness/mongo.js'
import { defaultRegistryDir, registryAuthServerMissing } from '../../../conformance/harness/registry-auth-server.js'
import { renderWithOracle } from '../../../conformance/oracle/render.js'
import { runConformance } from '../../../conformance/runner.js'
import { renderVerdict } from '../../../conformance/verdict.js'
import type { Surface } from '../../../src/compiler/types.js'

const registry = defaultRegistryDir()
const missing = registryAuthServerMissing(registry)
// Every surface from its real render on the checkout (as `regcfg conformance --registry DIR --oracle`), for
// every example with a provider: Keycloak and PingFederate with their URLs as settings, Entra, Cognito, Auth0
// and Okta under their own fixed hosts (the named mock IdP). REGCFG_ORACLE_SURFACES=… runs them on those
// surfaces only; REGCFG_ORACLE_PROVIDERS=keycloak,okta on those examples only.
const ALL: Surface[] = ['env', 'terraform', 'helm', 'helm-stack']
const PROVIDERS = ['keycloak', 'pingfederate', 'entra', 'cognito', 'auth0', 'okta']
const surfaces = (process.env.REGCFG_ORACLE_SURFACES?.split(',') as Surface[] | undefined) ?? ALL
const RUNS: { spec: string; surfaces: Surface[] }[] = (process.env.REGCFG_ORACLE_PROVIDERS?.split(',') ?? PROVIDERS).map((p) => ({ spec: `examples/${p}.yaml`, surfaces }))

describe.skipIf(missing !== undefined)(`conformance --oracle${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let mongo: MongoServer
  beforeAll(async () => {
    mongo = await startMongo({ log: () => {} })
  })
  afterAll(async () => mongo?.stop())

  for (const { spec, surfaces } of RUNS) {
    it(`${spec} on ${surfaces.join(', ')}, rendered: every scenario on the registry's server too, the same up to docs/deviations.md`, async () => {
      const r = await runConformance(spec, { mongo, surfaces, registryDir: registry, oracle: { registryDir: registry } })
      const text = `${renderVerdict(r.verdict)}\n\n${renderWithOracle(r.verdict, r.oracle!)}`
      console.log(text)
      expect(r.oracle!.ok, text).toBe(true)
    }, 600_000)
  }
})
