/**
 * The Compose renderer against the registry's own docker-compose.yml (../shared/registry) with the
 * real docker compose v2: the values are compose's; hand-made .env files pin the behaviours.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderCompose } from '../../targets/env/render.js'
import { compileExample, REGISTRY } from './_setup.js'

/** The ${X:?} of services other than the auth-server in the registry's docker-compose.yml at 1.29.0. */
const REQUIRED = ['DOCUMENTDB_USERNAME', 'DOCUMENTDB_PASSWORD', 'OPENBAO_TOKEN', 'GRAFANA_ADMIN_PASSWORD', 'KEYCLOAK_DB_PASSWORD', 'KEYCLOAK_ADMIN_PASSWORD']

/** regcfg's .env without the given variables, plus the given lines. */
const edit = (drop: string[], add: string[] = []) => (env: string) =>
  [...env.split('\n').filter((l) => !drop.some((n) => l.startsWith(`${n}=`))), ...add].join('\n') + '\n'

const render = (env: (e: string) => string, registryDir = REGISTRY) => {
  const c = compileExample('examples/cognito.yaml', 'env', env)
  return renderCompose({ registryDir, files: c.files, processEnv: {} })
}

describe('env: docker compose config on the registry checkout', () => {
  it("gives each service compose's environment, with the tool run and its time", async () => {
    const r = await render((e) => e)
    const auth = r.containers['auth-server']!
    expect(auth.source).toBe('service auth-server')
    expect(auth.env.AUTH_PROVIDER).toMatchObject({ value: 'cognito', origin: 'regcfg' })
    expect(auth.env.COGNITO_USER_POOL_ID).toMatchObject({ value: 'us-east-1_AbC123xyz', origin: 'regcfg', detail: '.env COGNITO_USER_POOL_ID' })
    expect(auth.env.SECRET_KEY?.secret).toBe(true)
    expect(r.containers.registry!.source).toBe('service registry')
    expect(r.tools.length).toBeGreaterThan(0)
    for (const t of r.tools) expect(t).toMatchObject({ tool: 'docker-compose', version: '2.40.3', ms: expect.any(Number) })
    expect(r.workloads).toEqual(expect.arrayContaining(['service/auth-server', 'service/registry']))
  })

  it('reports every unset ${X:?} with the services that need it, and renders on with placeholders', async () => {
    const r = await render(edit(REQUIRED, REQUIRED.filter((v) => v !== 'OPENBAO_TOKEN').map((v) => `${v}=set-by-test`)))
    const required = r.problems.filter((p) => p.code === 'RC7003')
    expect(required.map((p) => p.message)).toEqual([expect.stringMatching(/^OPENBAO_TOKEN is required by service openbao, registry .* the \.env does not set it/)])
    expect(required[0]).toMatchObject({ severity: 'error', file: join(REGISTRY, 'docker-compose.yml'), line: expect.any(Number) })
    expect(required[0]!.hint).toContain('OPENBAO_TOKEN=')
    expect(r.substitutions.map((s) => s.what)).toEqual(['OPENBAO_TOKEN=<placeholder:OPENBAO_TOKEN>'])
    expect(r.containers.registry!.env.OPENBAO_TOKEN).toMatchObject({ value: '<placeholder:OPENBAO_TOKEN>', origin: 'placeholder' })
    expect(r.containers.mongodb!.env.MONGO_INITDB_ROOT_USERNAME?.value).toBe('set-by-test')

    const none = await render(edit(REQUIRED, REQUIRED.map((v) => `${v}=set-by-test`)))
    expect(none.problems.filter((p) => p.code === 'RC7003')).toEqual([])
    expect(none.substitutions).toEqual([])

    const all = await render(edit(REQUIRED))
    expect(all.problems.filter((p) => p.code === 'RC7003').map((p) => p.message.split(' ')[0]).sort()).toEqual([...REQUIRED].sort())
  })

  it('a required variable set empty is refused too', async () => {
    const r = await render(edit(REQUIRED, [...REQUIRED.filter((v) => v !== 'OPENBAO_TOKEN').map((v) => `${v}=x`), 'OPENBAO_TOKEN=']))
    expect(r.problems.filter((p) => p.code === 'RC7003').map((p) => p.message)).toEqual([expect.stringContaining('OPENBAO_TOKEN is required by service openbao, registry (`${OPENBAO_TOKEN:?')])
    expect(r.problems.find((p) => p.code === 'RC7003')!.message).toContain('sets it empty')
  })

  it('an empty .env value that ${X:-default} replaces, and a left-out one that gets the default, are problems', async () => {
    const emptied = await render(edit(['COGNITO_DOMAIN'], ['COGNITO_DOMAIN=']))
    expect(emptied.containers['auth-server']!.env.COGNITO_DOMAIN).toMatchObject({ value: 'auto', origin: 'compose-default', detail: '${COGNITO_DOMAIN:-auto}' })
    expect(emptied.problems.filter((p) => p.code === 'RC7004').map((p) => p.message)).toEqual(expect.arrayContaining(['COGNITO_DOMAIN = "" in the .env does not reach service auth-server: `${COGNITO_DOMAIN:-auto}` turns it into "auto"']))
    const left = await render(edit(['COGNITO_DOMAIN']))
    expect(left.problems.filter((p) => p.code === 'RC7008' && p.message.includes('COGNITO_DOMAIN'))).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('gets "auto" from `${COGNITO_DOMAIN:-auto}`') })])
    const given = await render(edit(['COGNITO_DOMAIN'], ['COGNITO_DOMAIN=my-pool']))
    expect(given.containers['auth-server']!.env.COGNITO_DOMAIN).toMatchObject({ value: 'my-pool', origin: 'regcfg' })
    expect(given.problems.filter((p) => /COGNITO_DOMAIN/.test(p.message))).toEqual([])
  })

  it('a variable the .env sets that the auth-server service never receives is a warning, unless it is for another service', async () => {
    // the registry's auth_server/server.py reads AUTH_SERVER_URL, but compose passes it to the registry only
    const lost = await render(edit(['AUTH_SERVER_URL'], ['AUTH_SERVER_URL=http://auth.internal:8888']))
    expect(lost.containers['auth-server']!.env.AUTH_SERVER_URL).toBeUndefined()
    expect(lost.problems.filter((p) => p.code === 'RC7005').map((p) => p.message)).toEqual([expect.stringContaining('AUTH_SERVER_URL is in the .env but service auth-server does not receive it')])
    // MCP_ADVERTISED_SCOPES is the registry's (registry/auth/oauth_metadata.py), which gets it
    const elsewhere = await render(edit(['MCP_ADVERTISED_SCOPES'], ['MCP_ADVERTISED_SCOPES=openid']))
    expect(elsewhere.containers['auth-server']!.env.MCP_ADVERTISED_SCOPES).toBeUndefined()
    expect(elsewhere.containers.registry!.env.MCP_ADVERTISED_SCOPES).toMatchObject({ value: 'openid', origin: 'regcfg' })
    expect(elsewhere.problems.filter((p) => p.code === 'RC7005')).toEqual([])
  })

  it('origins: compose default, compose literal', async () => {
    const r = await render(edit(['DOCUMENTDB_HOST']))
    const env = r.containers['auth-server']!.env
    expect(env.DOCUMENTDB_HOST).toMatchObject({ value: 'mongodb', origin: 'compose-default', detail: '${DOCUMENTDB_HOST:-mongodb}' })
    expect(env.METRICS_SERVICE_URL).toMatchObject({ value: 'http://metrics-service:8890', origin: 'compose-file' })
  })

  it("the caller's environment does not leak into the render", async () => {
    const saved = { ...process.env }
    Object.assign(process.env, { COGNITO_USER_POOL_ID: 'leaked', DOCUMENTDB_HOST: 'leaked', OPENBAO_TOKEN: 'leaked' })
    try {
      const r = await render(edit(['DOCUMENTDB_HOST']))
      expect(r.containers['auth-server']!.env.COGNITO_USER_POOL_ID?.value).toBe('us-east-1_AbC123xyz')
      expect(r.containers['auth-server']!.env.DOCUMENTDB_HOST?.value).toBe('mongodb')
      expect(JSON.stringify(r)).not.toContain('leaked')
    } finally {
      for (const k of ['COGNITO_USER_POOL_ID', 'DOCUMENTDB_HOST', 'OPENBAO_TOKEN']) if (saved[k] === undefined) delete process.env[k]
      Object.assign(process.env, saved)
    }
  })

  it("reads the checkout's env_file: (extra_env/auth-server.env), and environment: wins over it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regcfg-checkout-'))
    cpSync(join(REGISTRY, 'docker-compose.yml'), join(dir, 'docker-compose.yml'))
    mkdirSync(join(dir, 'extra_env'))
    writeFileSync(join(dir, 'extra_env', 'auth-server.env'), 'EXTRA_ONLY=from-extra\nCOGNITO_USER_POOL_ID=from-extra\n')
    const r = await render((e) => e, dir)
    const env = r.containers['auth-server']!.env
    expect(env.EXTRA_ONLY).toMatchObject({ value: 'from-extra', origin: 'env-file' })
    expect(env.COGNITO_USER_POOL_ID?.value).toBe('us-east-1_AbC123xyz')
    expect(r.containers.registry!.env.EXTRA_ONLY).toBeUndefined()
  })
})
