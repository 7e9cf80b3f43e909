import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/compiler/index.js'
import { emitSurfaces } from '../../src/surfaces/emit.js'
import { isSecretRef, SURFACES, type ParameterId } from '../../src/compiler/types.js'
import { lint } from '../../src/policy/lint.js'
import { readSurface } from '../../src/policy/read/index.js'
import { RULES } from '../../src/policy/rules/index.js'
import type { LintFile } from '../../src/policy/types.js'

async function lintText(path: string, text: string) {
  const file = await readSurface(path, text)
  expect(file, path).toBeDefined()
  return lint({ files: [file!], gitState: () => 'tracked' }).findings
}

const POOL = 'COGNITO_USER_POOL_ID=us-east-1_AbC123xyz\n'

/** One crafted input per misconfiguration rule: it fires exactly once there. */
const CRAFTED: Record<string, [string, string]> = {
  RC5000: ['values.yaml', 'global: [unclosed\n'],
  RC5101: ['terraform.tfvars', 'cognito_enabled = true\nentra_enabled = true\ncognito_user_pool_id = "us-east-1_AbC123xyz"\n'],
  RC5102: ['.env', `AUTH_PROVIDER=cognito\n${POOL}AWS_REGION=eu-west-1\n`],
  RC5103: ['.env', `AUTH_PROVIDER=cognito\n${POOL}COGNITO_DOMAIN=auto\n`],
  RC5104: ['.env', 'AUTH_PROVIDER=keycloak\nREGISTRY_URL=http://registry.example.com\n'],
  RC5105: ['.env', `${POOL}COGNITO_CLIENT_ID=abc\n`],
  RC5106: ['.env', 'AUTH_PROVIDER=keycloak\nSECRET_KEY=${SECRET_KEY_TOO_SHORT}\nKEYCLOAK_ADMIN_PASSWORD=${P}\nSECRET_KEY=short-key\n'],
  RC5107: ['.env', `AUTH_PROVIDER=cognito\n${POOL}ALLOWED_IDP_GROUPS=admins,public-mcp-users\n`],
  RC5108: ['terraform.tfvars', 'enable_cloudfront = true\nenable_route53_dns = false\n'],
}

describe('misconfiguration rules', () => {
  for (const [id, [path, text]] of Object.entries(CRAFTED)) {
    it(`${id} fires once on a crafted ${path}`, async () => {
      const findings = await lintText(path, text)
      expect(findings.filter((f) => f.rule === id), JSON.stringify(findings)).toHaveLength(1)
    })
  }

  it('every rule has an id, a name, a description and a fix; every misconfiguration rule is crafted above', () => {
    for (const r of RULES) expect([r.id, r.name, r.description.length > 20, r.fix.length > 20]).toEqual([expect.stringMatching(/^RC5\d{3}$/), expect.any(String), true, true])
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length)
    expect(RULES.filter((r) => r.kind === 'config' && r.id !== 'RC5002').map((r) => r.id).sort()).toEqual(Object.keys(CRAFTED).sort())
  })

  it('docs/lint.md lists every rule with its id and name', () => {
    const doc = readFileSync('docs/lint.md', 'utf8')
    for (const r of RULES) expect(doc).toContain(`| ${r.id} | \`${r.name}\` |`)
  })

  it('stay silent on a correct configuration of each surface', async () => {
    expect(await lintText('.env', `AUTH_PROVIDER=cognito\n${POOL}AWS_REGION=us-east-1\nCOGNITO_DOMAIN=my-registry\nREGISTRY_URL=http://localhost:7860\nALLOWED_IDP_GROUPS=registry-admins,users\n`)).toEqual([])
    expect(await lintText('terraform.tfvars', 'cognito_enabled = true\nenable_cloudfront = true\nenable_route53_dns = true\n')).toEqual([])
    expect(await lintText('values.yaml', 'global:\n  authProvider:\n    type: cognito\n  domain: registry.example.com\n  ingress:\n    tls: true\n')).toEqual([])
  })
})

const examples = readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort()

/** The examples and what `regcfg compile` makes of them (stand-in secrets `<id>`, as in the golden files). */
async function exampleFiles(): Promise<LintFile[]> {
  const out: LintFile[] = []
  for (const ex of examples) {
    const text = readFileSync(`examples/${ex}`, 'utf8')
    out.push((await readSurface(`examples/${ex}`, text))!)
    const a = analyze(`examples/${ex}`, text)
    const secrets = new Map<ParameterId, string>([...a.params!].filter(([, v]) => isSecretRef(v)).map(([id]) => [id, `<${id}>`]))
    for (const [surface, r] of emitSurfaces(a, SURFACES, { secrets, writeSecrets: true, envSecretName: 'auth-server-env', specName: ex })) {
      for (const f of r.files) {
        const file = await readSurface(`out/${ex}/${surface}/${f.path}`, f.content)
        if (file) out.push(file)
      }
    }
  }
  return out
}

describe('the examples and their compiled output', () => {
  it('lint clean but for the stand-in secrets: each `<id>` placeholder is reported as one (RC5002, or RC5106 for the signing key), nothing else', async () => {
    const files = await exampleFiles()
    expect(files.filter((f) => f.kind === 'spec')).toHaveLength(examples.length)
    expect(files.filter((f) => f.kind !== 'spec').length).toBeGreaterThanOrEqual(examples.length * 4)
    const findings = lint({ files, gitState: () => 'tracked' }).findings
    const standIns = files.flatMap((f) => f.entries.filter((e) => typeof e.value === 'string' && /^<[a-zA-Z0-9.]+>$/.test(e.value)).map((e) => `${f.path}:${e.line}`))
    expect(standIns.length).toBeGreaterThan(examples.length)
    expect(findings.map((f) => `${f.path}:${f.line}`).sort()).toEqual(standIns.sort())
    for (const f of findings) expect([f.rule, f.severity]).toEqual(f.rule === 'RC5106' ? ['RC5106', 'error'] : ['RC5002', 'warning'])
  })
})
