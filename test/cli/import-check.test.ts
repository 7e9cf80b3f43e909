import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const BIN = resolve('bin/regcfg.cjs')
const SECRETS = { SECRET_KEY: 'k'.repeat(40), AUTH_SERVER_NGINX_MARKER_SECRET: 'm'.repeat(32), COGNITO_CLIENT_SECRET: 'TOPSECRETVALUE', KEYCLOAK_ADMIN_PASSWORD: 'adm', KEYCLOAK_DB_PASSWORD: 'kcdb', DOCUMENTDB_PASSWORD: 'docdb', GRAFANA_ADMIN_PASSWORD: 'graf', OPENBAO_TOKEN: 'bao' }
const run = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function compiled(): string {
  const dir = mkdtempSync(join(tmpdir(), 'regcfg-ic-'))
  expect(run(['compile', 'examples/cognito.yaml', '--target', 'all', '--out', dir, '--write-secrets'], SECRETS).code).toBe(0)
  return dir
}

describe('regcfg import / check / docs', () => {
  it('imports each surface back into a valid spec without copying secrets', () => {
    const dir = compiled()
    for (const [surface, files] of [['env', ['env/.env']], ['terraform', ['terraform/terraform.tfvars', 'terraform/secrets.auto.tfvars']], ['helm', ['helm/values.yaml', 'helm/create-env-secret.sh']], ['helm-stack', ['helm-stack/values.yaml', 'helm-stack/create-env-secret.sh']]] as const) {
      const r = run(['import', ...files.map((f) => join(dir, f)), '--out', join(dir, `${surface}.spec.yaml`)])
      expect(r.code, r.stderr).toBe(0)
      const spec = readFileSync(join(dir, `${surface}.spec.yaml`), 'utf8')
      expect(spec).not.toContain('TOPSECRETVALUE')
      expect(spec).toContain('clientSecret: { env: COGNITO_CLIENT_SECRET }')
      expect(run(['validate', join(dir, `${surface}.spec.yaml`)]).code).toBe(0)
      if (surface === 'env') expect(r.stderr).toContain('secret-moved: auth.cognito.clientSecret')
    }
  })

  it('reports unknown keys instead of dropping them silently', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regcfg-ic-'))
    writeFileSync(join(dir, '.env'), 'AUTH_PROVIDER=keycloak\nKEYCLOAK_URL=https://kc.example.com\nFOO_BAR=1\n')
    const r = run(['import', join(dir, '.env')])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/unknown-key: .*\.env:3: FOO_BAR/)
  })

  it('check: exit 0 on compiled output, 1 on drift with names on every surface and the spec line', () => {
    const dir = compiled()
    const args = ['check', 'examples/cognito.yaml', '--env', join(dir, 'env/.env'), '--tfvars', join(dir, 'terraform/terraform.tfvars'), '--values', join(dir, 'helm/values.yaml'), '--stack-values', join(dir, 'helm-stack/values.yaml')]
    expect(run(args).code).toBe(0)
    const tf = join(dir, 'terraform/terraform.tfvars')
    writeFileSync(tf, readFileSync(tf, 'utf8').replace('cognito_client_id = "4example1client2id3abc"', 'cognito_client_id = "drifted"'))
    const r = run(args)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/examples\/cognito\.yaml:\d+:\d+: drift changed \[terraform\] auth\.cognito\.clientId \(env COGNITO_CLIENT_ID \| terraform cognito_client_id \| helm cognito\.clientId/)
    expect(r.stderr).toContain('drift between-files')
    expect(r.stderr).not.toContain('TOPSECRETVALUE')
    expect(run(['check', 'examples/cognito.yaml']).code).toBe(2)
  })

  it('docs writes the reference', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'regcfg-docs-')), 'p.md')
    expect(run(['docs', '--out', out]).code).toBe(0)
    expect(readFileSync(out, 'utf8')).toBe(readFileSync('docs/parameters.md', 'utf8'))
  })
})
