import { cpSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_ENTRIES, ResultCache } from '../../src/policy/cache.js'
import type { LintOptions, LintRun } from '../../src/policy/run.js'
import { git, lintIn, literal, tempDir, tempRepo, write } from './_fixtures.js'

const PRECISION = join(__dirname, 'fixtures/precision')

/** One lint with a cache whose store text is `store` (what the last run saved); returns the run and the text to save. */
async function cached(cwd: string, store: string | undefined, opts: Partial<LintOptions> = {}, salt = 'code-1', dir = tempDir('regcfg-cache-')): Promise<{ run: LintRun; saved: string | undefined }> {
  const results = new ResultCache(salt, store)
  const run = await lintIn(cwd, [], { format: 'json', ...opts, cache: { results, dir } })
  return { run, saved: results.save() }
}

const json = (run: LintRun) => JSON.parse(run.output) as { findings: { rule: string; path: string; line: number; message: string; severity: string }[]; files: { path: string; role: string }[] }

describe('lint result cache', () => {
  it('gives the same report cold, warm and without a cache (the precision fixtures: every role, all three surfaces)', async () => {
    const repo = tempRepo()
    cpSync(PRECISION, repo, { recursive: true })
    write(repo, { 'deploy/.env': `AUTH_PROVIDER=cognito\nCOGNITO_CLIENT_SECRET=${literal(1)}\nSECRET_KEY=changeme\n` })
    git(repo, 'add', '-A')
    const plain = (await lintIn(repo, [], { format: 'json' })).output
    const cold = await cached(repo, undefined)
    expect(cold.run.cacheUsed).toBe(true)
    expect(cold.run.output).toBe(plain)
    expect(json(cold.run).findings.length).toBeGreaterThan(3)
    const warm = await cached(repo, cold.saved)
    expect(warm.run.output).toBe(plain)
    // nothing was judged again: the store has nothing new to save
    expect(warm.saved).toBeUndefined()
  })

  it('judges a changed file again and keeps the others', async () => {
    const dir = tempDir()
    write(dir, { 'a/.env': 'AUTH_PROVIDER=cognito\n', 'b/.env': 'AUTH_PROVIDER=cognito\n' })
    const cold = await cached(dir, undefined)
    expect(json(cold.run).findings).toEqual([])
    write(dir, { 'a/.env': `AUTH_PROVIDER=cognito\nCOGNITO_CLIENT_SECRET=${literal(2)}\n` })
    const warm = await cached(dir, cold.saved)
    expect(json(warm.run).findings.map((f) => [f.rule, f.path])).toEqual([['RC5001', 'a/.env']])
    expect(Object.keys(JSON.parse(warm.saved!).entries)).toHaveLength(3)
  })

  it('grades by git state after the cache: the same text tracked, then ignored', async () => {
    const repo = tempRepo()
    write(repo, { '.env': `COGNITO_CLIENT_SECRET=${literal(3)}\n` })
    git(repo, 'add', '.env')
    const cold = await cached(repo, undefined)
    expect(json(cold.run).findings.map((f) => f.severity)).toEqual(['error'])
    git(repo, 'rm', '-q', '--cached', '.env')
    write(repo, { '.gitignore': '.env\n' })
    const warm = await cached(repo, cold.saved)
    expect(json(warm.run).findings.map((f) => [f.severity, f.message.includes('gitignored')])).toEqual([['info', true]])
  })

  it('asks again whether a folder is a chart: a values.yaml becomes chart defaults when a Chart.yaml appears', async () => {
    const dir = tempDir()
    write(dir, { 'chart/values.yaml': 'registry:\n  externalUrl: http://registry.example.com\n' })
    const cold = await cached(dir, undefined)
    expect(json(cold.run).files.map((f) => f.role)).toEqual(['deployment'])
    write(dir, { 'chart/Chart.yaml': 'apiVersion: v2\nname: x\nversion: 0.1.0\n' })
    const warm = await cached(dir, cold.saved)
    expect(json(warm.run).files.map((f) => f.role)).toEqual(['chart-defaults'])
    expect(warm.run.output).toBe((await lintIn(dir, [], { format: 'json' })).output)
  })

  it('keys on --spec: the same file read as a spec and not', async () => {
    const dir = tempDir()
    write(dir, { 'my.yaml': 'auth:\n  provider: cognito\n' })
    const cold = await cached(dir, undefined)
    const asSpec = await cached(dir, cold.saved, { spec: 'my.yaml' })
    expect(asSpec.run.output).toBe((await lintIn(dir, [], { format: 'json', spec: 'my.yaml' })).output)
    expect(json(asSpec.run).files).not.toEqual(json(cold.run).files)
  })

  it('stores no secret value, in any surface', async () => {
    const dir = tempDir()
    const secrets = [literal(10), literal(11), literal(12), 'AKIAIOSFODNN7EXAMPLQ', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk']
    write(dir, {
      '.env': `COGNITO_CLIENT_SECRET=${secrets[0]}\nAWS_ACCESS_KEY_ID=${secrets[3]}\n`,
      'terraform.tfvars': `cognito_client_secret = "${secrets[1]}"\nsome_token = "${secrets[4]}"\n`,
      'values.yaml': `cognito:\n  clientSecret: ${secrets[2]}\n`,
    })
    const cold = await cached(dir, undefined)
    expect(json(cold.run).findings.length).toBeGreaterThanOrEqual(5)
    for (const s of secrets) {
      expect(cold.saved).not.toContain(s)
      expect(cold.saved).not.toContain(s.slice(2, 12))
    }
  })

  it('starts empty for other code (another salt) and for an unreadable store', async () => {
    const dir = tempDir()
    write(dir, { '.env': 'AUTH_PROVIDER=cognito\n' })
    const cold = await cached(dir, undefined)
    expect(new ResultCache('code-2', cold.saved).save()).toBeUndefined()
    const other = await cached(dir, cold.saved, {}, 'code-2')
    expect(other.saved).toBeDefined()
    expect((await cached(dir, '{not json', {})).run.output).toBe(cold.run.output)
  })

  it('is not used when its folder is inside the linted tree', async () => {
    const dir = tempDir()
    write(dir, { '.env': 'AUTH_PROVIDER=cognito\n' })
    const inside = await cached(dir, undefined, {}, 'code-1', join(dir, '.cache/regcfg'))
    expect(inside.run.cacheUsed).toBe(false)
    expect(inside.saved).toBeUndefined()
  })

  it('keeps the most recently used entries past its size', () => {
    const c = new ResultCache('s', undefined)
    const day = Math.floor(Date.now() / 86_400_000)
    const entries = Object.fromEntries(Array.from({ length: MAX_ENTRIES + 2 }, (_, i) => [`k${i}`, { t: i < 2 ? day - 10 : day, asked: [], judged: null }]))
    const loaded = new ResultCache('s', JSON.stringify({ v: 1, salt: 's', entries }))
    loaded.set('new', [], null)
    const kept = Object.keys(JSON.parse(loaded.save()!).entries)
    expect(kept).toHaveLength(MAX_ENTRIES)
    expect(kept).not.toContain('k0')
    expect(kept).not.toContain('k1')
    expect(kept).toContain('new')
    expect(c.save()).toBeUndefined()
  })
})

describe('regcfg lint --no-cache and the cache folder (built CLI)', () => {
  it('writes the store under $XDG_CACHE_HOME/regcfg, readable by the user only, and none with --no-cache', async () => {
    const { spawnSync } = await import('node:child_process')
    const { statSync, existsSync } = await import('node:fs')
    const dir = tempDir()
    write(dir, { '.env': `COGNITO_CLIENT_SECRET=${literal(20)}\n` })
    const bin = join(__dirname, '../../bin/regcfg.cjs')
    const run = (xdg: string, ...args: string[]) => spawnSync(process.execPath, [bin, 'lint', dir, '--format', 'json', ...args], { env: { ...process.env, XDG_CACHE_HOME: xdg }, encoding: 'utf8' })
    const xdg = tempDir('regcfg-xdg-')
    const a = run(xdg)
    const store = join(xdg, 'regcfg', 'lint-results.json')
    expect(existsSync(store)).toBe(true)
    expect(statSync(store).mode & 0o777).toBe(0o600)
    const b = run(xdg)
    expect(b.stdout).toBe(a.stdout)
    expect(b.status).toBe(a.status)
    const none = tempDir('regcfg-xdg-')
    const c = run(none, '--no-cache')
    expect(c.stdout).toBe(a.stdout)
    expect(existsSync(join(none, 'regcfg'))).toBe(false)
    rmSync(xdg, { recursive: true, force: true })
  })
})
