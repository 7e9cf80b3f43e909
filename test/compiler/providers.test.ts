import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/compiler/index.js'
import { emitSurfaces } from '../../src/surfaces/emit.js'
import { isSecretRef, SURFACES, type ParameterId } from '../../src/compiler/types.js'
import { parseDotenv } from '../../targets/env/dotenv-parse.js'
import { parseSecretScript } from '../../targets/helm/secret-script.js'

/**
 * Expected names and values per provider, written from upstream-registry.md §1.1-1.7 (not from the
 * parameter map), so the map is checked against an independent reading of upstream.
 */
interface Expectation {
  env: Record<string, string>
  terraform: Record<string, string | boolean>
  helm: Record<string, unknown>
  stack: Record<string, unknown>
  secretsInEnv: string[]
}

const EXPECT: Record<string, Expectation> = {
  cognito: {
    env: { AUTH_PROVIDER: 'cognito', COGNITO_ENABLED: 'true', COGNITO_USER_POOL_ID: 'us-east-1_AbC123xyz', COGNITO_CLIENT_ID: '4example1client2id3abc', AWS_REGION: 'us-east-1' },
    terraform: { cognito_enabled: true, entra_enabled: false, cognito_user_pool_id: 'us-east-1_AbC123xyz', cognito_client_id: '4example1client2id3abc', aws_region: 'us-east-1' },
    helm: { 'global.authProvider.type': 'cognito', 'cognito.userPoolId': 'us-east-1_AbC123xyz', 'cognito.region': 'us-east-1' },
    stack: { 'registry.cognito.userPoolId': 'us-east-1_AbC123xyz', 'auth-server.cognito.userPoolId': 'us-east-1_AbC123xyz', 'auth-server.cognito.region': 'us-east-1' },
    secretsInEnv: ['COGNITO_CLIENT_SECRET', 'SECRET_KEY'],
  },
  keycloak: {
    env: { AUTH_PROVIDER: 'keycloak', KEYCLOAK_ENABLED: 'true', KEYCLOAK_URL: 'https://kc.example.com', KEYCLOAK_EXTERNAL_URL: 'https://kc.example.com', KEYCLOAK_REALM: 'mcp-gateway', KEYCLOAK_ADMIN: 'admin' },
    terraform: { cognito_enabled: false, pingfederate_enabled: false, keycloak_domain: 'kc.example.com', keycloak_admin: 'admin' },
    // keycloak.enabled / pingfederate.enabled only feed the chart's own Secret, which app.existingSecret turns off
    helm: { 'global.authProvider.type': 'keycloak', 'keycloak.realm': 'mcp-gateway' },
    stack: { 'global.authProvider.keycloak.realm': 'mcp-gateway', 'auth-server.keycloak.realm': 'mcp-gateway', 'global.authProvider.keycloak.adminUsername': 'admin' },
    secretsInEnv: ['KEYCLOAK_CLIENT_SECRET', 'KEYCLOAK_ADMIN_PASSWORD'],
  },
  entra: {
    env: { AUTH_PROVIDER: 'entra', ENTRA_ENABLED: 'true', ENTRA_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47', ENTRA_CLIENT_ID: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d', ALLOWED_IDP_GROUPS: '0b7c1a52-registry-admins,5d1e9f03-mcp-users,registry-admins' },
    terraform: { entra_enabled: true, cognito_enabled: false, entra_tenant_id: '72f988bf-86f1-41af-91ab-2d7cd011db47', allowed_idp_groups: '0b7c1a52-registry-admins,5d1e9f03-mcp-users,registry-admins' },
    helm: { 'global.authProvider.type': 'entra', 'entra.tenantId': '72f988bf-86f1-41af-91ab-2d7cd011db47', allowedIdpGroups: '0b7c1a52-registry-admins,5d1e9f03-mcp-users,registry-admins' },
    stack: { 'auth-server.entra.clientId': '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d', 'registry.entra.clientId': '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d', 'registry.allowedIdpGroups': '0b7c1a52-registry-admins,5d1e9f03-mcp-users,registry-admins' },
    secretsInEnv: ['ENTRA_CLIENT_SECRET'],
  },
  okta: {
    env: { AUTH_PROVIDER: 'okta', OKTA_DOMAIN: 'dev-123456.okta.com', OKTA_AUTH_SERVER_ID: 'aus1example', OKTA_M2M_ALLOWED_AUDIENCES: 'api://mcp-gateway' },
    terraform: { okta_enabled: true, okta_domain: 'dev-123456.okta.com', okta_auth_server_id: 'aus1example' },
    helm: { 'global.authProvider.type': 'okta', 'okta.domain': 'dev-123456.okta.com', 'okta.m2mAllowedAudiences': 'api://mcp-gateway' },
    stack: { 'auth-server.okta.domain': 'dev-123456.okta.com', 'registry.okta.authServerId': 'aus1example' },
    secretsInEnv: ['OKTA_CLIENT_SECRET', 'OKTA_API_TOKEN'],
  },
  auth0: {
    env: { AUTH_PROVIDER: 'auth0', AUTH0_ENABLED: 'true', AUTH0_DOMAIN: 'example-tenant.us.auth0.com', AUTH0_AUDIENCE: 'https://mcp-gateway/api', AUTH0_GROUPS_CLAIM: 'https://mcp-gateway/groups' },
    terraform: { auth0_enabled: true, auth0_domain: 'example-tenant.us.auth0.com', auth0_groups_claim: 'https://mcp-gateway/groups' },
    helm: { 'global.authProvider.type': 'auth0', 'auth0.audience': 'https://mcp-gateway/api', 'auth0.m2mClientId': 'M2mClient0123example' },
    stack: { 'auth-server.auth0.groupsClaim': 'https://mcp-gateway/groups', 'registry.auth0.domain': 'example-tenant.us.auth0.com' },
    secretsInEnv: ['AUTH0_CLIENT_SECRET', 'AUTH0_M2M_CLIENT_SECRET'],
  },
  pingfederate: {
    env: { AUTH_PROVIDER: 'pingfederate', PINGFEDERATE_ENABLED: 'true', PINGFEDERATE_BASE_URL: 'https://pingfederate.internal.example.com:9031', PINGFEDERATE_EXTERNAL_URL: 'https://sso.example.com', PF_ADMIN_URL: 'https://pingfederate.internal.example.com:9999', PF_ADMIN_USER: 'administrator' },
    terraform: { pingfederate_enabled: true, auth0_enabled: false, pingfederate_base_url: 'https://pingfederate.internal.example.com:9031', pf_admin_user: 'administrator' },
    helm: { 'global.authProvider.type': 'pingfederate', 'pingfederate.externalUrl': 'https://sso.example.com' },
    stack: { 'auth-server.pingfederate.baseUrl': 'https://pingfederate.internal.example.com:9031', 'registry.pingfederateAdmin.url': 'https://pingfederate.internal.example.com:9999' },
    secretsInEnv: ['PINGFEDERATE_CLIENT_SECRET', 'PF_ADMIN_PASS'],
  },
}

function compileExample(name: string) {
  const a = analyze(`examples/${name}.yaml`, readFileSync(`examples/${name}.yaml`, 'utf8'))
  expect(a.diagnostics).toEqual([])
  const secrets = new Map<ParameterId, string>([...a.params!].filter(([, v]) => isSecretRef(v)).map(([id]) => [id, `secret-of-${id}`]))
  const results = emitSurfaces(a, SURFACES, { secrets, writeSecrets: false, envSecretName: 'auth-server-env', specName: name })
  const file = (s: string, f: string) => results.get(s as never)!.files.find((x) => x.path === f)?.content ?? ''
  return { results, file }
}

const at = (obj: unknown, path: string) => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], obj)

describe('each provider compiles to the names and values upstream reads', () => {
  for (const [name, want] of Object.entries(EXPECT)) {
    it(name, async () => {
      const { results, file } = compileExample(name)
      for (const r of results.values()) expect(r.diagnostics).toEqual([])
      const env = Object.fromEntries(parseDotenv(file('env', '.env')).entries.map((e) => [e.key, e.value]))
      expect(env).toMatchObject(want.env)
      for (const k of want.secretsInEnv) expect(env[k], k).toMatch(/^secret-of-/)
      const tf = (await import('@cdktf/hcl2json')).default
      const vars = (await tf.parse('t.tfvars', file('terraform', 'terraform.tfvars'))) as Record<string, unknown>
      expect(vars).toMatchObject(want.terraform)
      expect(vars).not.toHaveProperty('auth_provider')
      expect(Object.entries(vars).filter(([k, v]) => k.endsWith('_enabled') && v === true).length).toBeLessThanOrEqual(1)
      for (const s of ['terraform.tfvars']) expect(file('terraform', s)).not.toContain('secret-of-')
      const helm = parseYaml(file('helm', 'values.yaml'))
      for (const [path, v] of Object.entries(want.helm)) expect(at(helm, path), path).toEqual(v)
      const stack = parseYaml(file('helm-stack', 'values.yaml'))
      for (const [path, v] of Object.entries(want.stack)) expect(at(stack, path), path).toEqual(v)
      for (const s of ['helm', 'helm-stack']) {
        expect(file(s, 'values.yaml')).not.toContain('secret-of-')
        const script = parseSecretScript(file(s, 'create-env-secret.sh'))
        // every Secret the script creates (standalone Keycloak: also keycloak-client-secret, which the chart reads)
        const keys = new Map(script.secrets.flatMap((x) => x.entries).map((e) => [e.key, e]))
        for (const [k, v] of Object.entries(want.env)) expect(keys.get(k), `${s} env Secret ${k}`).toEqual({ key: k, literal: v })
        // a stack that deploys Keycloak takes the clients' credentials from Keycloak (its configure Job), not the spec
        const generated = s === 'helm-stack' && name === 'keycloak' ? ['KEYCLOAK_CLIENT_SECRET'] : []
        for (const k of want.secretsInEnv) expect(Boolean(keys.get(k) && 'ref' in keys.get(k)!), `${s} env Secret ${k} is a reference`).toBe(!generated.includes(k))
      }
    })
  }
})

describe('drift that upstream has and regcfg closes', () => {
  it('D1/D2: the Cognito M2M allowlist and the IDE client reach the stack auth-server through the env Secret', () => {
    const spec = readFileSync('examples/cognito.yaml', 'utf8').replace('    clientSecret:', '    m2mClientIds: [svc-client-1]\n    clientSecret:').replace('  secretKey:', '  ide:\n    clientId: ide-public-client\n  secretKey:')
    const a = analyze('c.yaml', spec)
    expect(a.diagnostics).toEqual([])
    const r = emitSurfaces(a, ['helm-stack'], { secrets: new Map(), writeSecrets: false, envSecretName: 'env', specName: 'c.yaml' }).get('helm-stack')!
    expect(r.diagnostics).toEqual([])
    const keys = parseSecretScript(r.files.find((f) => f.path === 'create-env-secret.sh')!.content).entries.map((e) => e.key)
    expect(keys).toEqual(expect.arrayContaining(['COGNITO_M2M_CLIENT_IDS', 'IDE_OAUTH_CLIENT_ID']))
    expect(parseYaml(r.files[0]!.content).registry.app.ideOauthClientId).toBe('ide-public-client')
  })

  it('D3: an Entra sovereign-cloud URL set for Docker Compose is a warning (compose does not pass it)', () => {
    const spec = readFileSync('examples/entra.yaml', 'utf8').replace('    clientSecret:', '    loginBaseUrl: https://login.microsoftonline.us\n    clientSecret:')
    const a = analyze('e.yaml', spec)
    const rs = emitSurfaces(a, SURFACES, { secrets: new Map([['auth.entra.clientSecret', 'x'], ['auth.secretKey', 'k'], ['auth.nginxMarkerSecret', 'm']]), writeSecrets: false, envSecretName: 'env', specName: 'e.yaml' })
    expect(rs.get('env')!.diagnostics.filter((d) => d.code !== 'RC3004').map((d) => `${d.code} ${d.pointer} ${d.line}`)).toEqual(['RC4002 /auth/entra/loginBaseUrl 19'])
    for (const s of ['terraform', 'helm', 'helm-stack'] as const) expect(rs.get(s)!.diagnostics).toEqual([])
  })

  it('D5/D6/D9: the provider, the advertised scopes and the Keycloak admin are written on every surface', () => {
    const { file } = compileExample('keycloak')
    expect(file('env', '.env')).toMatch(/^AUTH_PROVIDER=keycloak$/m)
    expect(file('env', '.env')).toMatch(/^MCP_ADVERTISED_SCOPES=''$/m)
    expect(at(parseYaml(file('helm-stack', 'values.yaml')), 'registry.app.mcpAdvertisedScopes')).toBe('')
    expect(at(parseYaml(file('helm-stack', 'values.yaml')), 'global.authProvider.keycloak.adminUsername')).toBe('admin')
    expect(file('terraform', 'terraform.tfvars')).toMatch(/^mcp_advertised_scopes = ""$/m)
  })

  it('a login-only provider on Terraform or Helm is a warning on each of those surfaces', () => {
    const spec = readFileSync('examples/cognito.yaml', 'utf8').replace(/^auth:\n/m, 'auth:\n  github:\n    clientId: gh-client\n    clientSecret: { env: GITHUB_CLIENT_SECRET }\n')
    const a = analyze('g.yaml', spec)
    expect(a.diagnostics).toEqual([])
    const rs = emitSurfaces(a, ['terraform', 'helm'], { secrets: new Map(), writeSecrets: false, envSecretName: 'env', specName: 'g.yaml' })
    expect(rs.get('terraform')!.diagnostics.map((d) => `${d.code} ${d.pointer}`)).toEqual(['RC4002 /auth/github/clientId'])
  })
})
