import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { git, literal, tempRepo, write } from './_fixtures.js'

const BIN = resolve('bin/regcfg.cjs')

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'lint', ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp' } })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function repoWithFindings(): string {
  const repo = tempRepo()
  write(repo, {
    'deploy/.env': `AUTH_PROVIDER=cognito\nCOGNITO_CLIENT_SECRET=${literal(1)}\n`,
    'deploy/terraform.tfvars': 'cognito_enabled = true\nenable_cloudfront = true\nenable_route53_dns = false\n',
  })
  git(repo, 'add', '.')
  return repo
}

describe('regcfg lint (the built bin)', () => {
  it('text: file:line:col, rule, masked message and fix; exit 1 on an error', () => {
    const r = run(repoWithFindings())
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('deploy/.env:2:23: error RC5001 [env] auth.cognito.clientSecret: COGNITO_CLIENT_SECRET (auth.cognito.clientSecret) is a secret and holds a literal value ("Li…", 37 chars); git tracks this file (or has it staged)')
    expect(r.stdout).toContain('  fix: ')
    expect(r.stdout).toContain('deploy/terraform.tfvars:2:21: warning RC5108')
    expect(r.stdout).not.toContain(literal(1))
  })

  it('--fail-on sets the threshold; exit 0 when clean; 2 on usage and I/O errors', () => {
    const repo = tempRepo()
    write(repo, { 'terraform.tfvars': 'enable_cloudfront = true\nenable_route53_dns = false\n' })
    expect(run(repo).code).toBe(0)
    expect(run(repo, '--fail-on', 'warning').code).toBe(1)
    expect(run(repo, '--fail-on', 'nope').code).toBe(2)
    expect(run(repo, '--format', 'xml').code).toBe(2)
    expect(run(repo, 'no/such/path').code).toBe(2)
    expect(run(repo, '--baseline', 'missing.json').code).toBe(2)
  })

  it('--write-baseline then --baseline: exit 0 until a new finding appears', () => {
    const repo = repoWithFindings()
    expect(run(repo, '--write-baseline', 'regcfg-baseline.json').code).toBe(0)
    expect(readFileSync(join(repo, 'regcfg-baseline.json'), 'utf8')).not.toContain(literal(1))
    expect(run(repo, '--baseline', 'regcfg-baseline.json').code).toBe(0)
    write(repo, { 'deploy/values.yaml': `cognito:\n  clientSecret: ${literal(2)}\n` })
    expect(run(repo, '--baseline', 'regcfg-baseline.json').code).toBe(1)
  })

  it('json carries findings with fingerprints and the files read', () => {
    const out = JSON.parse(run(repoWithFindings(), '--format', 'json').stdout)
    expect(out.findings[0]).toMatchObject({ rule: 'RC5001', path: 'deploy/.env', line: 2, place: 'env', subject: 'auth.cognito.clientSecret', gitState: 'tracked', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) })
    expect(out.files).toHaveLength(2)
  })

  it('sarif is SARIF 2.1.0 as GitHub code scanning reads it', () => {
    const r = run(repoWithFindings(), '--format', 'sarif')
    expect(r.code).toBe(1)
    const sarif = JSON.parse(r.stdout)
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/)
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs).toHaveLength(1)
    const [run0] = sarif.runs
    expect(run0.tool.driver.name).toBe('regcfg')
    const ids = run0.tool.driver.rules.map((x: { id: string }) => x.id)
    for (const rule of run0.tool.driver.rules) expect(rule).toMatchObject({ id: expect.any(String), shortDescription: { text: expect.any(String) }, fullDescription: { text: expect.any(String) }, help: { text: expect.any(String) } })
    expect(run0.results.length).toBe(2)
    for (const res of run0.results) {
      expect(ids).toContain(res.ruleId)
      expect(run0.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId)
      expect(['error', 'warning', 'note', 'none']).toContain(res.level)
      expect(res.message.text).toEqual(expect.any(String))
      const loc = res.locations[0].physicalLocation
      expect(loc.artifactLocation.uri).toMatch(/^deploy\//)
      expect(loc.region.startLine).toBeGreaterThan(0)
      expect(loc.region.startColumn).toBeGreaterThan(0)
      expect(Object.values(res.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/)
    }
    expect(r.stdout).not.toContain(literal(1))
  })

  it('the repository itself lints without errors or warnings', () => {
    const r = run(process.cwd(), '--fail-on', 'warning')
    expect(r.stdout).toMatch(/0 error\(s\), 0 warning\(s\)/)
    expect(r.code).toBe(0)
  })
})
