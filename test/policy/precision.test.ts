import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { roleOf } from '../../src/policy/role.js'
import { classify } from '../../src/policy/values.js'
import { git, lintIn, tempRepo } from './_fixtures.js'

/**
 * Issue 18's classes, on a repository shaped like the real ones (test/policy/fixtures/precision,
 * written for this test): files that are not deployment files (helm-unittest suites by their shape,
 * chart-testing ci/ values, Terraform and compose test folders), placeholders, templates and
 * examples, a chart's own defaults. Every line of the expected table is a finding that must be
 * reported with that severity; every finding must be in the table.
 */
const FIXTURE = join(import.meta.dirname, 'fixtures/precision')

/** [path, line, rule, severity] */
const EXPECTED: [string, number, string, string][] = [
  // deployment files: a placeholder is a warning naming the parameter, a literal secret an error
  ['.env', 2, 'RC5002', 'warning'],
  ['.env', 3, 'RC5002', 'warning'],
  ['.env', 4, 'RC5001', 'error'],
  ['deploy/values-prod.yaml', 4, 'RC5104', 'error'],
  ['deploy/values-prod.yaml', 9, 'RC5002', 'warning'],
  ['terraform/terraform.tfvars', 2, 'RC5002', 'warning'],
  // examples and templates: placeholders and empty values are no finding; a URL where a prefix
  // belongs, a well-known default, a comment read as the value and a real-looking credential are
  ['.env.example', 5, 'RC5103', 'error'],
  ['.env.example', 7, 'RC5002', 'warning'],
  ['.env.example', 10, 'RC5001', 'error'],
  ['.env.template', 3, 'RC5002', 'warning'],
  ['terraform/terraform.tfvars.example', 5, 'RC5001', 'error'],
  // the chart's own values.yaml: misconfiguration errors are warnings there
  ['charts/registry/values.yaml', 5, 'RC5104', 'warning'],
  ['charts/registry/values.yaml', 7, 'RC5106', 'warning'],
  ['charts/registry/values.yaml', 12, 'RC5002', 'warning'],
]

const ROLES: Record<string, string> = {
  '.env': 'deployment',
  '.env.example': 'example',
  '.env.template': 'example',
  'charts/registry/ci/keycloak-values.yaml': 'test-fixture',
  'charts/registry/tests/deployment_test.yaml': 'test-suite',
  'charts/registry/unittest/secret_suite.yaml': 'test-suite',
  'charts/registry/values.yaml': 'chart-defaults',
  'deploy/values-prod.yaml': 'deployment',
  'docker/test/.env': 'test-fixture',
  'terraform/terraform.tfvars': 'deployment',
  'terraform/terraform.tfvars.example': 'example',
  'terraform/tests/fixture.tfvars': 'test-fixture',
}

describe('lint precision by class (issue 18)', () => {
  it('reports exactly the expected findings on the fixture repository, and says what each file was read as', async () => {
    const repo = tempRepo()
    cpSync(FIXTURE, repo, { recursive: true })
    git(repo, 'add', '-A')
    const { result } = await lintIn(repo, [], { format: 'json' })
    expect(result.findings.map((f) => [f.path, f.line, f.rule, f.severity])).toEqual(EXPECTED.slice().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1])))
    expect(Object.fromEntries(result.files.map((f) => [f.path, f.role]))).toEqual(ROLES)
    // never a secret in a message: the fixture's literals
    expect(JSON.stringify(result)).not.toMatch(/Lit[0-9]Zq7x/)
  })

  it('a lone values.yaml named on the command line still finds its Chart.yaml; a suite is a suite by shape anywhere', async () => {
    const repo = tempRepo()
    cpSync(FIXTURE, repo, { recursive: true })
    git(repo, 'add', '-A')
    const { result } = await lintIn(repo, ['charts/registry/values.yaml', 'charts/registry/unittest/secret_suite.yaml'], { format: 'json' })
    expect(result.files.map((f) => f.role)).toEqual(['test-suite', 'chart-defaults'])
    expect(result.findings.every((f) => f.severity === 'warning')).toBe(true)
  })

  it('value classes', () => {
    for (const v of ['CHANGE-ME-SET-STRONG-PASSWORD', 'your_cognito_client_secret_here', '<set in secrets.auto.tfvars>', 'changeme', 'xxxxxxxx', 'XXXX', 'REPLACE_ME', 'CHANGE-THIS-IMMEDIATELY-use-a-strong-random-key', 'fake-client-secret']) expect(classify(v), v).toBe('placeholder')
    for (const v of ['admin', 'password', 'keycloak', 'secret']) expect(classify(v), v).toBe('weak-default')
    expect(classify('# Override default secret key')).toBe('comment')
    for (const v of ['m3zT65wREARMVDToKosg_DgNkKqS_434hNxy3sslGPY', 'hunter2-but-longer-Zq7x', 'changeme-2f9a8c1d7e']) expect(classify(v), v).toBe('value')
  })

  it('roles from the path alone', () => {
    const charts = { isChartDir: (d: string) => d === 'charts/a' }
    expect(roleOf('charts/a/values.yaml', charts)).toBe('chart-defaults')
    expect(roleOf('charts/b/values.yaml', charts)).toBe('deployment')
    expect(roleOf('charts/a/values-prod.yaml', charts)).toBe('deployment')
    expect(roleOf('charts/a/ci/x-values.yaml', charts)).toBe('test-fixture')
    expect(roleOf('deploy/ci/values.yaml', charts)).toBe('deployment')
    expect(roleOf('.env.test', charts)).toBe('test-fixture')
    expect(roleOf('.env.sample', charts)).toBe('example')
    expect(roleOf('infra/terraform.tfvars.example', charts)).toBe('example')
    expect(roleOf('tests/e2e/.env', charts)).toBe('test-fixture')
    expect(roleOf('.env.local', charts)).toBe('deployment')
  })
})
