import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SCENARIOS } from '../../conformance/scenarios/index.js'
import { main } from '../../src/cli/main.js'
import { nodeHost, type Host } from '../../src/cli/host.js'

function captured(): Host & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { ...nodeHost, out, err, stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) }
}

describe('regcfg conformance', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regcfg-conformance-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('exit 0 with the matrix on stdout and JUnit XML when asked', async () => {
    const host = captured()
    const junit = join(dir, 'junit.xml')
    const code = await main(['conformance', 'test/conformance/fixtures/cognito-domain.yaml', '--surfaces', 'env,helm', '--junit', junit], host)
    const text = host.out.join('')
    expect(code, text + host.err.join('')).toBe(0)
    expect(text).toMatch(/scenario\s+env\s+helm\n/)
    expect(text).toContain('verdict: every surface passes and behaves the same')
    const xml = readFileSync(junit, 'utf8')
    expect(xml).toContain(`<testsuite name="test/conformance/fixtures/cognito-domain.yaml" tests="${SCENARIOS.length * 2}" failures="0"`)
    expect(xml).toContain('<testcase classname="test/conformance/fixtures/cognito-domain.yaml.login-session" name="helm"></testcase>')
  })

  it('the built CLI prints nothing of a third party (oidc-provider\'s development notices) on stdout or stderr', async () => {
    const child = spawn(process.execPath, ['bin/regcfg.cjs', 'conformance', 'test/conformance/fixtures/cognito-domain.yaml', '--surfaces', 'env'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let all = ''
    child.stdout.on('data', (d: Buffer) => (all += d))
    child.stderr.on('data', (d: Buffer) => (all += d))
    const code = await new Promise<number | null>((r) => child.on('close', r))
    expect(code, all).toBe(0)
    expect(all).not.toMatch(/oidc-provider|WARNING|NOTICE/)
  }, 300_000)

  it('exit 1 for a provider the suite cannot drive yet, exit 2 for a bad --surfaces', async () => {
    const host = captured()
    const spec = join(dir, 'github.yaml')
    nodeHost.writeText(spec, 'version: 1\nregistry: { externalUrl: https://registry.example.com }\nauth: { provider: nosuch, secretKey: { env: SECRET_KEY } }\n')
    expect(await main(['conformance', spec], host)).toBe(1)
    expect(await main(['conformance', spec, '--surfaces', 'env,docker'], host)).toBe(2)
    expect(host.err.join('')).toMatch(/unknown: docker/)
  })
})
