/** `regcfg render` through the built bin (npm run build): the container's environment, masked. */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REGISTRY } from './_setup.js'

const BIN = resolve('bin/regcfg.cjs')
const SECRETS = {
  SECRET_KEY: 'sk-Render-Secret-0001', AUTH_SERVER_NGINX_MARKER_SECRET: 'marker-Render-Secret-0002', COGNITO_CLIENT_SECRET: 'cognito-Render-Secret-0003',
  KEYCLOAK_ADMIN_PASSWORD: 'kcadmin-Render-Secret-0004', KEYCLOAK_DB_PASSWORD: 'kcdb-Render-Secret-0005', DOCUMENTDB_PASSWORD: 'docdb-Render-Secret-0006', GRAFANA_ADMIN_PASSWORD: 'grafana-Render-Secret-0007', OPENBAO_TOKEN: 'openbao-Render-Secret-0008',
}

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...SECRETS, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

const noSecrets = (text: string) => {
  for (const v of Object.values(SECRETS)) expect(text).not.toContain(v)
}

describe('regcfg render', () => {
  it('text: the environment sorted, secrets masked, the tools run; exit 1 exactly when the render has errors', async () => {
    const r = await run(['render', 'examples/cognito.yaml', '--surface', 'helm', '--registry', REGISTRY])
    expect(r.stdout).toContain('\nAUTH_PROVIDER=cognito\n')
    expect(r.stdout).toContain('\nCOGNITO_USER_POOL_ID=us-east-1_AbC123xyz\n')
    expect(r.stdout).toContain('\nSECRET_KEY=***\n')
    expect(r.stdout).toMatch(/# ran helm v3\.17\.4: template auth-server .* \(\d+ ms\)/)
    const names = r.stdout.split('\n').filter((l) => /^[A-Z]/.test(l)).map((l) => l.split('=')[0]!)
    expect(names).toEqual([...names].sort())
    noSecrets(r.stdout + r.stderr)
    expect(r.code).toBe(/ error RC/.test(r.stderr) ? 1 : 0)
  })

  it('every example renders on every surface with no problem, given only the secrets the spec references', async () => {
    // Terraform gets them as the TF_VAR_ its tfvars tell the user to export (nothing exported by hand here)
    const env = { ...SECRETS, ENTRA_CLIENT_SECRET: 'entra-Render-Secret-0009', OKTA_CLIENT_SECRET: 'okta-Render-Secret-0010', OKTA_API_TOKEN: 'oktatok-Render-Secret-0011', AUTH0_CLIENT_SECRET: 'auth0-Render-Secret-0012', AUTH0_M2M_CLIENT_SECRET: 'auth0m2m-Render-Secret-0013', PINGFEDERATE_CLIENT_SECRET: 'pf-Render-Secret-0014', PF_ADMIN_PASS: 'pfadmin-Render-Secret-0015', KEYCLOAK_CLIENT_SECRET: 'kc-Render-Secret-0016' }
    const cases = ['cognito', 'keycloak', 'entra', 'okta', 'auth0', 'pingfederate'].flatMap((p) => ['env', 'terraform', 'helm', 'helm-stack'].map((s) => [p, s] as const))
    const results = await Promise.all(cases.map(([p, s]) => run(['render', `examples/${p}.yaml`, '--surface', s, '--registry', REGISTRY, '--format', 'json'], env)))
    const problems = results.flatMap((r, i) => (JSON.parse(r.stdout).diagnostics ?? []).map((d: { code: string; message: string }) => `${cases[i]!.join(' on ')}: ${d.code} ${d.message}`))
    expect(problems).toEqual([])
    expect(results.map((r) => r.code)).toEqual(cases.map(() => 0))
    for (const r of results) for (const v of Object.values(env)) expect(r.stdout + r.stderr).not.toContain(v)
  }, 120_000)

  it('check --registry: what reaches the container, from the files and from the spec, both rendered', async () => {
    const out = mkdtempSync(`${tmpdir()}/regcfg-check-render-`)
    expect((await run(['compile', 'examples/cognito.yaml', '--target', 'all', '--out', out])).code).toBe(0)
    const clean = await run(['check', 'examples/cognito.yaml', '--env', `${out}/env/.env`, '--tfvars', `${out}/terraform/terraform.tfvars`, '--values', `${out}/helm/values.yaml`, '--registry', REGISTRY, '--format', 'json'])
    expect(JSON.parse(clean.stdout)).toEqual({ drift: [], renderProblems: [] })
    expect(clean.code).toBe(0)
    // a hand-edited .env without COGNITO_DOMAIN: compose fills in "auto", the guide's "Hosted UI domain not found"
    const env = readFileSync(`${out}/env/.env`, 'utf8')
    writeFileSync(`${out}/env/.env`, env.replace(/^COGNITO_DOMAIN=.*\n/m, '').replace(/^SECRET_KEY=.*$/m, "SECRET_KEY='another-signing-key-0123456789abcdef'"))
    const r = await run(['check', 'examples/cognito.yaml', '--env', `${out}/env/.env`, '--registry', REGISTRY, '--format', 'json'])
    const rendered = JSON.parse(r.stdout).drift.filter((d: { kind: string }) => d.kind === 'rendered')
    expect(rendered).toEqual([
      expect.objectContaining({ surface: 'env', key: 'COGNITO_DOMAIN', id: 'auth.cognito.domain', expected: '"us-east-1abc123xyz"', actual: '"auto"', spec: expect.stringMatching(/^examples\/cognito\.yaml:\d+:\d+$/) }),
      expect.objectContaining({ surface: 'env', key: 'SECRET_KEY', expected: '<a secret value>', actual: '<a secret value>' }),
    ])
    expect(r.stdout).not.toContain('another-signing-key')
    expect(r.code).toBe(1)
  })

  it('json: env with masked values, tools, substitutions and diagnostics', async () => {
    const r = await run(['render', 'examples/cognito.yaml', '--surface', 'env', '--registry', REGISTRY, '--format', 'json', '--explain'])
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({ surface: 'env', container: 'auth-server', source: 'service auth-server' })
    expect(out.env.AUTH_PROVIDER).toMatchObject({ value: 'cognito', origin: 'regcfg' })
    expect(out.env.SECRET_KEY.value).toBe('***')
    expect(out.env.COGNITO_CLIENT_SECRET.value).toBe('***')
    expect(out.tools[0]).toMatchObject({ tool: 'docker-compose', version: '2.40.3' })
    expect(Array.isArray(out.substitutions)).toBe(true)
    noSecrets(r.stdout + r.stderr)
    expect(r.code).toBe(out.diagnostics.some((d: { severity: string }) => d.severity === 'error') ? 1 : 0)
  })

  it('--explain: each value with its origin; --container registry on the stack', async () => {
    const r = await run(['render', 'examples/cognito.yaml', '--surface', 'helm-stack', '--registry', REGISTRY, '--container', 'registry', '--explain'])
    expect(r.stdout).toMatch(/^# helm-stack: registry \(Deployment\/registry\), rendered in \d+ ms/)
    expect(r.stdout).toMatch(/\nAUTH_PROVIDER=cognito +# regcfg: create-env-secret\.sh/)
    expect(r.stdout).toMatch(/# substituted:\n#   chart keycloak 25\.2\.0/)
    noSecrets(r.stdout + r.stderr)
  })

  it('usage and I/O: no --registry, no such folder, not a checkout, no tool, no such container', async () => {
    expect((await run(['render', 'examples/cognito.yaml', '--surface', 'env'])).code).toBe(2)
    const gone = await run(['render', 'examples/cognito.yaml', '--surface', 'env', '--registry', '/no/such/registry'])
    expect(gone.code).toBe(2)
    expect(gone.stderr).toContain('--registry /no/such/registry: no such folder')
    const empty = await run(['render', 'examples/cognito.yaml', '--surface', 'helm', '--registry', mkdtempSync(resolve(tmpdir(), 'regcfg-empty-'))])
    expect(empty.code).toBe(2)
    expect(empty.stderr).toContain('is not a checkout of the MCP Gateway Registry')
    const noTool = await run(['render', 'examples/cognito.yaml', '--surface', 'env', '--registry', REGISTRY], { PATH: '/nonexistent', GOPATH: '/nonexistent' })
    expect(noTool.code).toBe(2)
    expect(noTool.stderr).toContain('docker-compose not found')
    const noContainer = await run(['render', 'examples/cognito.yaml', '--surface', 'helm', '--registry', REGISTRY, '--container', 'registry'])
    expect(noContainer.code).toBe(1)
    expect(noContainer.stderr).toContain('the render has no container "registry" (it has: auth-server)')
    expect((await run(['render', 'examples/cognito.yaml', '--surface', 'nope', '--registry', REGISTRY])).code).toBe(2)
  })
})
