import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const SECRETS = { SECRET_KEY: 'k'.repeat(40), AUTH_SERVER_NGINX_MARKER_SECRET: 'm'.repeat(32), COGNITO_CLIENT_SECRET: 'c', KEYCLOAK_ADMIN_PASSWORD: 'adm', KEYCLOAK_DB_PASSWORD: 'kcdb', DOCUMENTDB_PASSWORD: 'docdb', GRAFANA_ADMIN_PASSWORD: 'graf', OPENBAO_TOKEN: 'bao' }

/** A private copy of the built CLI, so that its code cache is this test's alone. */
function install(): string {
  const dir = mkdtempSync(join(tmpdir(), 'regcfg-cache-'))
  cpSync(resolve('bin'), join(dir, 'bin'), { recursive: true })
  cpSync(resolve('dist'), join(dir, 'dist'), { recursive: true, filter: (src) => !src.includes('.cache') })
  return dir
}

function run(dir: string, args: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'regcfg-cache-out-'))
  const r = spawnSync(process.execPath, [join(dir, 'bin/regcfg.cjs'), ...args, ...(args.includes('--help') ? [] : ['--out', out])], { env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...SECRETS }, encoding: 'utf8' })
  const files = args.includes('--help') ? '' : readFileSync(join(out, 'env/.env'), 'utf8') + readFileSync(join(out, 'helm/values.yaml'), 'utf8')
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, files }
}

const COMPILE = ['compile', resolve('examples/cognito.yaml'), '--target', 'all']
const cacheDir = (dir: string) => join(dir, 'dist/commands/.cache')
const caches = (dir: string) => readdirSync(cacheDir(dir)).filter((f) => f.startsWith('compile.cjs.'))

describe('the code cache of the built CLI', () => {
  it('is written by the first run that did the work, and changes nothing but speed', () => {
    const dir = install()
    expect(run(dir, ['compile', '--help']).code).toBe(0)
    expect(() => caches(dir)).toThrow() // a --help run compiled nothing worth keeping
    const first = run(dir, COMPILE)
    expect(first.code).toBe(0)
    expect(caches(dir)).toHaveLength(1)
    const cache = join(cacheDir(dir), caches(dir)[0]!)
    const written = statSync(cache).mtimeMs
    expect(run(dir, COMPILE)).toEqual(first)
    expect(statSync(cache).mtimeMs).toBe(written) // accepted, not written again
  })

  it('a run that ends with findings (exit 1) writes a partial cache, which the next clean run replaces', () => {
    const dir = install()
    const bad = mkdtempSync(join(tmpdir(), 'regcfg-cache-spec-'))
    writeFileSync(join(bad, 'spec.yaml'), readFileSync(resolve('examples/cognito.yaml'), 'utf8').replace('provider: cognito', 'provider: cognitoo'))
    const failing = spawnSync(process.execPath, [join(dir, 'bin/regcfg.cjs'), 'compile', join(bad, 'spec.yaml'), '--target', 'env', '--out', join(bad, 'o')], { env: { PATH: process.env.PATH!, ...SECRETS }, encoding: 'utf8' })
    expect(failing.status).toBe(1)
    expect(caches(dir).sort()).toEqual([expect.stringMatching(/\.v8$/), expect.stringMatching(/\.v8\.partial$/)])
    const first = run(dir, COMPILE)
    expect(first.code).toBe(0)
    expect(caches(dir)).toHaveLength(1) // the marker is gone: a full cache
    expect(run(dir, COMPILE)).toEqual(first)
  })

  it('a cache V8 rejects is replaced, and a cache folder that cannot be written means no cache', () => {
    const dir = install()
    const first = run(dir, COMPILE)
    const cache = join(cacheDir(dir), caches(dir)[0]!)
    writeFileSync(cache, 'not a code cache')
    expect(run(dir, COMPILE)).toEqual(first)
    expect(readFileSync(cache, 'utf8')).not.toBe('not a code cache')
    rmSync(cacheDir(dir), { recursive: true })
    writeFileSync(cacheDir(dir), '') // a file where the folder should be
    expect(run(dir, COMPILE)).toEqual(first)
    expect(statSync(cacheDir(dir)).isFile()).toBe(true)
  })

  it('lint, which caps V8 at Sparkplug for a short run (tiering.ts), writes a cache the next run accepts', () => {
    const dir = install()
    const tree = mkdtempSync(join(tmpdir(), 'regcfg-cache-lint-'))
    writeFileSync(join(tree, 'values.yaml'), 'registry:\n  url: https://registry.example.com\n')
    const lint = () => spawnSync(process.execPath, [join(dir, 'bin/regcfg.cjs'), 'lint', tree], { env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp' }, encoding: 'utf8' })
    const first = lint()
    expect(first.status).toBe(0)
    const cache = join(cacheDir(dir), readdirSync(cacheDir(dir)).find((f) => f.startsWith('lint.cjs.') && f.endsWith('.v8'))!)
    const written = statSync(cache).mtimeMs
    expect(lint().stdout).toBe(first.stdout)
    // V8 rejects a cache written under other flags; a flag left changed by the run would rewrite it every time
    expect(statSync(cache).mtimeMs).toBe(written)
  })

  it('serve, which bounds V8\'s heap growth while it runs (heap-growth.ts), writes a cache the next start accepts', async () => {
    const dir = install()
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules')) // serve's bundle leaves the AWS SDK and the Mongo driver outside
    const env = { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...SECRETS, AUTH_PROVIDER: 'cognito', REGISTRY_URL: 'https://registry.example.com', COGNITO_USER_POOL_ID: 'us-east-1_Cache1', COGNITO_CLIENT_ID: 'cache-client' }
    // started, then stopped as a container is (SIGTERM); exits 0, which writes the cache
    const serve = () =>
      new Promise<number | null>((done, fail) => {
        const p = spawn(process.execPath, [join(dir, 'bin/regcfg.cjs'), 'serve', '--host', '127.0.0.1', '--port', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] })
        let err = ''
        p.stderr.on('data', (d: Buffer) => {
          err += String(d)
          if (err.includes('auth-server on')) p.kill('SIGTERM')
        })
        p.once('error', fail)
        p.once('exit', (code) => (code === 0 ? done(code) : fail(new Error(`serve exited ${code}: ${err}`))))
      })
    expect(await serve()).toBe(0)
    const cache = join(cacheDir(dir), readdirSync(cacheDir(dir)).find((f) => f.startsWith('serve.cjs.') && f.endsWith('.v8'))!)
    const written = statSync(cache).mtimeMs
    expect(await serve()).toBe(0)
    expect(statSync(cache).mtimeMs).toBe(written)
  })
})
