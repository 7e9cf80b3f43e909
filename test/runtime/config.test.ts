import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/compiler/index.js'
import { emitSurfaces, secretsNeeded } from '../../src/surfaces/emit.js'
import { SURFACES, isSecretRef, type ParameterId } from '../../src/compiler/types.js'
import { parameterMap } from '../../src/compiler/map.js'
import { loadRuntimeConfig, type RuntimeConfig } from '../../src/runtime/config.js'
import { containerEnv } from '../../src/runtime/container-env.js'
import { main } from '../../src/cli/main.js'
import { nodeHost } from '../../src/cli/host.js'
import { ConfigError } from '../../src/errors.js'

const problems = (env: Record<string, string>): string[] => {
  try {
    loadRuntimeConfig(env)
    return []
  } catch (e) {
    return (e as ConfigError).problems
  }
}

const BASE = { AUTH_PROVIDER: 'cognito', REGISTRY_URL: 'https://registry.example.com', SECRET_KEY: 'x'.repeat(40), COGNITO_USER_POOL_ID: 'us-east-1_AbC123xyz', COGNITO_CLIENT_ID: 'c', COGNITO_CLIENT_SECRET: 's3cr3t-value' }

describe('RuntimeConfig from a container environment', () => {
  it('lists every missing value at once', () => {
    const p = problems({})
    expect(p.join('\n')).toMatch(/AUTH_PROVIDER is required/)
    expect(p.join('\n')).toMatch(/REGISTRY_URL is required/)
    expect(p.join('\n')).toMatch(/SECRET_KEY is required/)
  })

  it('says what is wrong with each bad value, without echoing secrets', () => {
    const p = problems({ ...BASE, SECRET_KEY: 'short-secret', SESSION_COOKIE_SECURE: 'yes', REGISTRY_URL: 'https://registry.example.com/', AWS_REGION: 'eu-west-1' }).join('\n')
    expect(p).toMatch(/SECRET_KEY must be at least 32 characters/)
    expect(p).toMatch(/SESSION_COOKIE_SECURE="yes" is not a valid boolean/)
    expect(p).toMatch(/REGISTRY_URL=.* trailing slash/)
    expect(p).toMatch(/AWS_REGION="eu-west-1" disagrees/)
    expect(p).not.toContain('short-secret')
  })

  it('names an unknown provider and the fields a provider needs', () => {
    expect(problems({ ...BASE, AUTH_PROVIDER: 'github' }).join()).toMatch(/AUTH_PROVIDER="github" is not a valid enum/)
    expect(problems({ ...BASE, AUTH_PROVIDER: 'keycloak' }).join()).toMatch(/KEYCLOAK_URL is required when AUTH_PROVIDER=keycloak/)
    expect(problems({ ...BASE, AUTH_PROVIDER: 'entra' }).join()).toMatch(/ENTRA_TENANT_ID is required when AUTH_PROVIDER=entra/)
    expect(problems({ ...BASE, AUTH_PROVIDER: 'okta' }).join()).toMatch(/OKTA_DOMAIN is required when AUTH_PROVIDER=okta/)
    expect(problems({ ...BASE, AUTH_PROVIDER: 'auth0' }).join()).toMatch(/AUTH0_DOMAIN is required when AUTH_PROVIDER=auth0/)
    expect(problems({ ...BASE, AUTH_PROVIDER: 'pingfederate' }).join()).toMatch(/PINGFEDERATE_EXTERNAL_URL is required when AUTH_PROVIDER=pingfederate/)
  })

  it('derives defaults: external URL = registry URL, 8 h sessions, Secure cookies, no storage', () => {
    const c = loadRuntimeConfig(BASE)
    expect(c.externalUrl).toBe('https://registry.example.com')
    expect(c.cookie).toEqual({ secure: true, maxAgeSeconds: 28800 })
    expect(c.cognito?.region).toBe('us-east-1')
    expect(c.storage).toBeUndefined()
  })

  it('reads storage from DOCUMENTDB_* with upstream defaults', () => {
    const c = loadRuntimeConfig({ ...BASE, STORAGE_BACKEND: 'documentdb', DOCUMENTDB_HOST: 'docdb.local', DOCUMENTDB_USE_TLS: 'true' })
    expect(c.storage).toEqual({ backend: 'documentdb', host: 'docdb.local', port: 27017, database: 'mcp_registry', namespace: 'default', useTls: true })
    expect(problems({ ...BASE, STORAGE_BACKEND: 'mongodb-ce' }).join()).toMatch(/neither DOCUMENTDB_HOST nor MONGODB_CONNECTION_STRING/)
  })

  it('regcfg serve exits 2 with the list of problems', async () => {
    const out: string[] = []
    const saved = process.env
    process.env = { PATH: saved.PATH }
    try {
      expect(await main(['serve'], { ...nodeHost, stderr: (s) => void out.push(s), stdout: (s) => void out.push(s) })).toBe(2)
    } finally {
      process.env = saved
    }
    expect(out.join('')).toMatch(/invalid configuration:[\s\S]*AUTH_PROVIDER is required/)
  })
})

const valueOf = (name: string) => `test-only-value-of-${name}-0123456789`

/** The secrets a spec sets, as the deployment environment holds them: under the reference's name and the container's. */
function secretEnv(params: Map<ParameterId, unknown>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const p of parameterMap().parameters) {
    const ref = params.get(p.id)
    if (!p.secret || !isSecretRef(ref) || !('env' in ref)) continue
    env[ref.env] = valueOf(ref.env)
    if (p.surfaces.env.name) env[p.surfaces.env.name] = valueOf(ref.env)
  }
  return env
}

/** What each example's provider section must hold (so equal configs are not equally empty). */
const SECTION: Record<string, Record<string, unknown>> = {
  entra: { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', clientId: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d', loginBaseUrl: 'https://login.microsoftonline.com', applicationIdUri: 'api://0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d' },
  okta: { domain: 'dev-123456.okta.com', clientId: '0oa1example2client3', authServerId: 'aus1example', m2mAllowedAudiences: ['api://mcp-gateway'], m2mClientId: '0oa1example2client3' },
  auth0: { domain: 'example-tenant.us.auth0.com', audience: 'https://mcp-gateway/api', groupsClaim: 'https://mcp-gateway/groups' },
  pingfederate: { baseUrl: 'https://pingfederate.internal.example.com:9031', externalUrl: 'https://sso.example.com', clientId: 'mcp-gateway', groupsClaim: 'groups', m2mAllowedAudiences: [] },
}

describe('every surface yields the same RuntimeConfig for the same spec', () => {
  for (const example of ['examples/cognito.yaml', 'examples/keycloak.yaml', 'examples/entra.yaml', 'examples/okta.yaml', 'examples/auth0.yaml', 'examples/pingfederate.yaml']) {
    it(example, async () => {
      const a = analyze(example, readFileSync(example, 'utf8'))
      expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      const processEnv = secretEnv(a.params!)
      const secrets = new Map<ParameterId, string>()
      for (const [id, ref] of secretsNeeded(a.params!, SURFACES, false)) if (isSecretRef(ref) && 'env' in ref) secrets.set(id, processEnv[ref.env]!)
      const out = emitSurfaces(a, SURFACES, { secrets, writeSecrets: false, envSecretName: 'auth-server-env', specName: example })
      const configs = []
      for (const s of SURFACES) {
        const files = Object.fromEntries(out.get(s)!.files.map((f) => [f.path, f.content]))
        const r = await containerEnv(s, files, { processEnv, readFile: (p) => readFileSync(p, 'utf8') })
        expect(r.problems, s).toEqual([])
        // what the deployment makes itself (ECS's DocumentDB endpoint) has no value from regcfg's files
        const env = { ...Object.fromEntries(Object.keys(r.generated).map((k) => [k, `made-by-the-deployment-${k}`])), ...r.env }
        configs.push([s, loadRuntimeConfig(env)] as const)
      }
      // storage is each surface's own default (Compose: mongodb-ce at mongodb; ECS: its DocumentDB;
      // the stack: its MongoDB service), as the render shows (test/render/model-equals-render.test.ts)
      const auth = (c: RuntimeConfig) => ({ ...c, storage: undefined })
      for (const [s, c] of configs.slice(1)) expect(auth(c), `${s} vs env`).toEqual(auth(configs[0]![1]))
      const provider = /examples\/(\w+)\.yaml/.exec(example)![1]!
      expect(configs[0]![1].provider).toBe(provider)
      expect((configs[0]![1] as unknown as Record<string, unknown>)[provider], 'the provider section').toBeDefined()
      if (SECTION[provider]) expect((configs[0]![1] as unknown as Record<string, unknown>)[provider]).toMatchObject(SECTION[provider]!)
    })
  }
})
