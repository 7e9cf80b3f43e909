import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMongo, type MongoServer } from '../../../conformance/harness/mongo.js'
import { startMockIdp, type MockIdp } from '../../../conformance/harness/oidc.js'
import { defaultRegistryDir, registryAuthServerMissing, startRegistryAuthServer, type RegistryAuthServer } from '../../../conformance/harness/registry-auth-server.js'
import { mcpHeaders } from '../../../conformance/observe.js'
import { oracleEnv } from '../../../conformance/oracle/env.js'
import { compileSpec, prepare } from '../../../conformance/surfaces.js'
import { mongoScopes } from '../../../src/runtime/scopes/store.js'
import { docFromSpec, specScopes } from '../../../src/runtime/scopes/from-spec.js'

const registry = defaultRegistryDir()
const missing = registryAuthServerMissing(registry)

describe.skipIf(missing !== undefined)(`the registry's own auth-server from a surface's environment${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let mongo: MongoServer
  let idp: MockIdp
  let server: RegistryAuthServer
  beforeAll(async () => {
    const c = compileSpec('examples/keycloak.yaml', readFileSync('examples/keycloak.yaml', 'utf8'), ['terraform'])
    const p = await prepare('terraform', c.files.get('terraform')!, c.processEnv)
    mongo = await startMongo({ log: () => {} })
    idp = await startMockIdp({ shape: 'keycloak', clientId: 'mcp-gateway-web', clientSecret: c.secrets.get('auth.keycloak.clientSecret')!, redirectUris: ['https://registry.example.com/oauth2/callback/keycloak'] })
    const storage = { mongoUri: mongo.uri, database: 'oracle_harness_test', namespace: 'conformance_terraform' }
    const store = mongoScopes({ backend: 'mongodb-ce', connectionString: mongo.uri, port: 27017, database: storage.database, namespace: storage.namespace, useTls: false }, 10_000)
    await store.seed(specScopes(c.analysis.resolved!.spec).map(docFromSpec))
    await store.close()
    server = await startRegistryAuthServer({ registryDir: registry, env: oracleEnv('keycloak', p.env, storage, idp), log: process.env.REGCFG_ORACLE_LOG ? (l) => console.log(l) : undefined })
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
    await idp?.stop()
    await mongo?.stop()
  })

  it('answers /health and decides /validate from the seeded scopes', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200)
    const token = await idp.signToken({ sub: 'sub-bob', preferred_username: 'bob', groups: ['public-mcp-users'], aud: 'mcp-gateway-web', azp: 'mcp-gateway-web' })
    const ask = async (method: string, tool?: string) => fetch(`${server.url}/validate`, { headers: { ...mcpHeaders('https://registry.example.com', 'currenttime', method, tool), authorization: `Bearer ${token}` } })
    const ok = await ask('tools/call', 'current_time_by_timezone')
    console.log(ok.status, Object.fromEntries(ok.headers), await ok.text())
    expect(ok.status).toBe(200)
    const no = await ask('tools/call', 'delete_everything')
    console.log(no.status, Object.fromEntries(no.headers), await no.text())
    expect(no.status).toBe(403)
  })
})
