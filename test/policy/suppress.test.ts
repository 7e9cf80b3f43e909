import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { git, lintIn, literal, tempRepo, write } from './_fixtures.js'

describe('suppression', () => {
  it('# regcfg-ignore RULE on the line suppresses that rule only', async () => {
    const repo = tempRepo()
    write(repo, {
      '.env': `COGNITO_CLIENT_SECRET=${literal(1)} # regcfg-ignore RC5001\nSECRET_KEY='${literal(2)}' # regcfg-ignore RC5106\n`,
      'values.yaml': `cognito:\n  clientSecret: ${literal(3)} # regcfg-ignore secret-literal\n`,
      'terraform.tfvars': `cognito_client_secret = "${literal(4)}" # regcfg-ignore RC5001, RC5002\n`,
    })
    git(repo, 'add', '.')
    const { result } = await lintIn(repo)
    expect(result.findings.map((f) => [f.path, f.rule, f.subject])).toEqual([['.env', 'RC5001', 'auth.secretKey']])
    expect(result.suppressed.inline).toBe(3)
  })

  it('a baseline accepts existing findings by (rule, surface, file, parameter), whatever the line', async () => {
    const repo = tempRepo()
    write(repo, { '.env': `COGNITO_CLIENT_SECRET=${literal(1)}\n` })
    git(repo, 'add', '.')
    const first = await lintIn(repo)
    expect(first.failed).toBe(true)
    const baseline = join(repo, 'regcfg-baseline.json')
    writeFileSync(baseline, first.baseline)
    expect(readFileSync(baseline, 'utf8')).not.toContain(literal(1))
    // moved down two lines and a new secret added: only the new one is reported
    write(repo, { '.env': `# moved\n\nCOGNITO_CLIENT_SECRET=${literal(1)}\nKEYCLOAK_CLIENT_SECRET=${literal(2)}\n` })
    const { result, failed } = await lintIn(repo, [], { baseline })
    expect(result.findings.map((f) => f.subject)).toEqual(['auth.keycloak.clientSecret'])
    expect(result.suppressed.baseline).toBe(1)
    expect(failed).toBe(true)
    // the same secret in another file is a new finding
    write(repo, { 'other/.env': `COGNITO_CLIENT_SECRET=${literal(1)}\n` })
    expect((await lintIn(repo, [], { baseline })).result.findings.map((f) => f.path)).toEqual(['.env', 'other/.env'])
  })

  it('a baseline that is not one is an I/O error', async () => {
    const repo = tempRepo()
    write(repo, { 'b.json': '{"nope":1}' })
    await expect(lintIn(repo, [], { baseline: 'b.json' })).rejects.toThrow(/not a regcfg baseline/)
    await expect(lintIn(repo, [], { baseline: 'missing.json' })).rejects.toThrow(/cannot read the baseline/)
  })
})
