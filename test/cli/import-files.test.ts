import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REGISTRY } from '../render/_setup.js'

const BIN = resolve('bin/regcfg.cjs')
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH! }, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
const file = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'regcfg-imp-')), name)
  writeFileSync(path, text)
  return path
}

describe('regcfg import: where each finding is, in the user\'s own file', () => {
  it('a values.yaml value of the wrong type: file:line:col, the parameter, how to fix; exit 1', () => {
    const path = file('my-values.yaml', 'global:\n  authProvider:\n    type: keycloak\napp:\n  mcpTokenDefaultTtlHours: eight\n  somethingElse: 1\n')
    const r = run(['import', path, '--surface', 'helm'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`${path}:5:3: error RC4005 [helm] /auth/tokens/defaultTtlHours`)
    expect(r.stderr).toContain('hint: Write an integer.')
    expect(r.stderr).toContain(`unknown-key: ${path}:6: app.somethingElse is not a parameter regcfg knows`)
  })

  it('a YAML syntax error: file:line:col; exit 1', () => {
    const r = run(['import', file('values.yaml', 'app:\n  x: [\n'), '--surface', 'helm'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/values\.yaml:3:1: error RC4005 \[helm\]/)
  })

  it('an empty value is reported at its line, a .tfvars.example is Terraform', () => {
    const env = run(['import', file('.env', 'AUTH_PROVIDER=keycloak\nREGISTRY_URL=\nKEYCLOAK_URL=https://kc.example.com\nKEYCLOAK_EXTERNAL_URL=https://kc.example.com\n')])
    expect(env.code, env.stderr).toBe(0)
    expect(env.stderr).toMatch(/empty-unset: .*\.env:2: REGISTRY_URL is empty: read as unset/)
    expect(env.stderr).toContain('surface-default: REGISTRY_URL is not in the files: the env deployment uses its own default "http://localhost"')
    const tf = run(['import', file('terraform.tfvars.example', 'cognito_enabled = true\ncognito_user_pool_id = "us-east-1_Abc"\ncognito_client_id = "c"\n')])
    expect(tf.code, tf.stderr).toBe(0)
    expect(tf.stdout).toContain('provider: cognito')
  })

  it('--subchart reads a stack subchart\'s values as the stack passes them', () => {
    const r = run(['import', resolve(REGISTRY, 'charts/registry/values.yaml'), '--subchart', 'registry'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('(helm-stack)')
    expect(run(['import', resolve(REGISTRY, 'charts/registry/values.yaml'), '--subchart', 'nope']).stderr).toContain("--subchart nope: not one of the stack's subcharts")
    expect(run(['import', resolve(REGISTRY, 'charts/registry/values.yaml'), '--subchart', 'registry', '--surface', 'env']).code).toBe(2)
  })
})
