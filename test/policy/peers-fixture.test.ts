import { describe, expect, it } from 'vitest'
import type { Finding } from '../../src/policy/types.js'
import { git, lintIn, tempRepo, write } from './_fixtures.js'

/** The fixture of reference/peers.md §2.2, items 1–10, in a real git repository. */
const ENTRA = 'Qf58Q~' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z'
const AKIA = 'AKIA' + 'Z7Q4R2M8N6P3K5L9'
const AWS_SECRET = 'q8Hf' + 'Zx2Lm9Pq4Rt6Vw8Yb1Cd3Ef5Gh7Jk9Mn0Pq2'
const ENV = `AWS_ACCESS_KEY_ID=${AKIA}\nAWS_SECRET_ACCESS_KEY=${AWS_SECRET}\nDB_PASSWORD='p@ss#w0rd$HOME'\n`

const FILES = {
  '.gitignore': '.env.local\n',
  'deploy/terraform/terraform.tfvars': `client_secret = "${ENTRA}"\napi_token_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-token-AbCdEf"\ndb_password = ""\n`,
  'deploy/helm/app/values.yaml': 'auth:\n  clientSecret: "Zx9vB7nM5qW3eR1tY8uI6oP4aS2dF0gH"\n  existingSecretKey: client-secret\ndatabase:\n  password: "${DB_PASSWORD}"\nredis:\n  auth:\n    password: changeme\n',
  'deploy/compose/.env': ENV,
  'deploy/compose/.env.local': ENV,
}

/** item → [file, key, expected rule or undefined for "no finding", expected severity] */
const TRUTH: [number, string, string, string | undefined, string | undefined][] = [
  [1, 'deploy/terraform/terraform.tfvars', 'client_secret', 'RC5005', 'error'],
  [2, 'deploy/helm/app/values.yaml', 'auth.clientSecret', 'RC5008', 'error'],
  [3, 'deploy/helm/app/values.yaml', 'auth.existingSecretKey', undefined, undefined],
  [4, 'deploy/helm/app/values.yaml', 'database.password', undefined, undefined],
  [5, 'deploy/helm/app/values.yaml', 'redis.auth.password', 'RC5002', 'warning'],
  [6, 'deploy/compose/.env', 'AWS_ACCESS_KEY_ID', 'RC5003', 'error'],
  [7, 'deploy/compose/.env', 'AWS_SECRET_ACCESS_KEY', 'RC5004', 'error'],
  [8, 'deploy/compose/.env', 'DB_PASSWORD', 'RC5008', 'error'],
  [9, 'deploy/compose/.env.local', 'AWS_ACCESS_KEY_ID', 'RC5003', 'info'],
  [9, 'deploy/compose/.env.local', 'AWS_SECRET_ACCESS_KEY', 'RC5004', 'info'],
  [9, 'deploy/compose/.env.local', 'DB_PASSWORD', 'RC5008', 'info'],
  [10, 'deploy/terraform/terraform.tfvars', 'api_token_arn', undefined, undefined],
  [10, 'deploy/terraform/terraform.tfvars', 'db_password', undefined, undefined],
]

describe('peers.md §2.2 fixture (items 1–10)', () => {
  it('finds every literal, flags the weak default, grades the ignored file info, and never flags a reference', async () => {
    const repo = tempRepo()
    write(repo, FILES)
    git(repo, 'add', '.gitignore', 'deploy/terraform', 'deploy/helm')
    const { result } = await lintIn(repo)
    const at = (file: string, key: string) => result.findings.filter((f: Finding) => f.path === file && f.subject === key)
    const rows = TRUTH.map(([item, file, key, rule, severity]) => ({ item, key, want: rule && `${rule}/${severity}`, got: at(file, key).map((f) => `${f.rule}/${f.severity}`).join(',') || undefined }))
    const secrets = TRUTH.filter(([, , , rule]) => rule)
    const found = rows.filter((r) => r.want && r.got === r.want).length
    const fp = rows.filter((r) => !r.want && r.got).length
    console.log(`regcfg lint peers fixture: ${found}/${secrets.length} expected findings with the expected rule and severity, ${fp} false positives on references, ${result.findings.length} findings in all`)
    expect(rows.map((r) => [r.item, r.key, r.got])).toEqual(rows.map((r) => [r.item, r.key, r.want]))
    expect(result.findings).toHaveLength(secrets.length)
    expect(result.files.map((f) => [f.path, f.gitState])).toEqual([
      ['deploy/compose/.env', 'untracked'],
      ['deploy/compose/.env.local', 'ignored'],
      ['deploy/helm/app/values.yaml', 'tracked'],
      ['deploy/terraform/terraform.tfvars', 'tracked'],
    ])
    const text = JSON.stringify(result)
    for (const secret of [ENTRA, AKIA, AWS_SECRET, 'p@ss#w0rd', 'Zx9vB7nM5qW3', 'changeme']) expect(text).not.toContain(secret)
  })
})
