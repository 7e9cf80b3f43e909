// regcfg lint over the repository plus a generated 1,000-file tree of surface files.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { interleavedTimes } from './cli.mjs'
import { benchSecrets } from './lib/specgen.mjs'
import { loadSnapshot, ROOT } from './lib/util.mjs'

/** How many different file contents the tree holds (files with the same content are parsed again: the cache keys on the path too). */
function distinct(tree) {
  const seen = new Set()
  const visit = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? visit(join(d, e.name)) : seen.add(readFileSync(join(d, e.name), 'utf8'))
  }
  visit(tree)
  return seen.size
}

/** 1,000 surface files (specs, .env, tfvars, Helm values) in 100 folders, from the compiled examples. */
export function lintFixture(dir, env) {
  const out = join(dir, 'compiled')
  const templates = []
  for (const ex of readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'))) {
    const spec = readFileSync(join(ROOT, 'examples', ex), 'utf8')
    templates.push(['spec.yaml', spec])
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/regcfg.cjs'), 'compile', join(ROOT, 'examples', ex), '--target', 'all', '--out', join(out, ex)], { env, encoding: 'utf8' })
    if (r.status !== 0) continue
    templates.push(['.env', readFileSync(join(out, ex, 'env/.env'), 'utf8')])
    templates.push(['terraform.tfvars', readFileSync(join(out, ex, 'terraform/terraform.tfvars'), 'utf8')])
    templates.push(['values.yaml', readFileSync(join(out, ex, 'helm/values.yaml'), 'utf8')])
    templates.push(['values-stack.yaml', readFileSync(join(out, ex, 'helm-stack/values.yaml'), 'utf8')])
  }
  // a few literal secrets, so the rules that report have something to report
  templates.push(['.env.leak', 'AUTH_PROVIDER=cognito\nCOGNITO_CLIENT_SECRET=1q2w3e4r5t6y7u8i9o0pa1s2d3f4g5h6j7k8l9\nSECRET_KEY=changeme\n'])
  const tree = join(dir, 'tree')
  let n = 0
  for (let d = 0; n < 1000; d++) {
    const folder = join(tree, `team-${String(d).padStart(3, '0')}`, d % 3 === 0 ? 'deploy' : d % 3 === 1 ? 'helm' : 'infra')
    mkdirSync(folder, { recursive: true })
    for (let i = 0; i < 10 && n < 1000; i++, n++) {
      const [name, text] = templates[(d * 10 + i) % templates.length]
      writeFileSync(join(folder, `${i}-${name.replace(/^\./, '')}${name.startsWith('.env') ? '.env' : ''}`.replace(/^(\d+)-env(\.\w+)?\.env$/, (_, k, s) => `.env${s ?? ''}.${k}`)), text)
    }
  }
  return { tree, files: n }
}

/**
 * The repository + tree without the result cache (every file parsed: what a first run costs, and the
 * figure before the cache existed), with an empty cache (parsed, and the store written), and with a
 * warm one (nothing changed since the last run); the repository alone without the cache. With the
 * machine's load before and after, and each run's CPU time beside its wall time.
 */
export async function benchLint(cfg, log) {
  const dir = mkdtempSync(join(tmpdir(), 'regcfg-bench-lint-'))
  const load = { before: await loadSnapshot() }
  try {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...benchSecrets(), SECRET_KEY: 'bench-only-signing-key-0123456789abcdef', AUTH_SERVER_NGINX_MARKER_SECRET: 'bench-marker-secret', COGNITO_CLIENT_SECRET: 'bench-client-secret', KEYCLOAK_CLIENT_SECRET: 'x'.repeat(24), KEYCLOAK_ADMIN_PASSWORD: 'y'.repeat(24) }
    const { tree, files } = lintFixture(dir, env)
    const argv = [process.execPath, join(ROOT, 'bin/regcfg.cjs'), 'lint', ROOT, tree, '--format', 'json']
    const noCache = [...argv, '--no-cache']
    const r = spawnSync(argv[0], noCache.slice(1), { env, encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 26 })
    if (r.status !== 0 && r.status !== 1) throw new Error(`lint exited ${r.status}: ${r.stderr.slice(0, 2000)}`)
    let linted
    try {
      const j = JSON.parse(r.stdout)
      linted = { findings: (j.findings ?? j.results ?? []).length, files: Array.isArray(j.files) ? j.files.length : j.files }
    } catch {
      linted = { findings: undefined }
    }
    log(`lint: repository + ${files}-file tree`)
    const cold = { ...env, XDG_CACHE_HOME: join(dir, 'cache-cold') }
    const warm = { ...env, XDG_CACHE_HOME: join(dir, 'cache-warm') }
    const t = interleavedTimes([
      { name: 'node -e 0', argv: [process.execPath, '-e', '0'], env },
      { name: 'lint repo + tree, no cache', argv: noCache, env, ok: [0, 1] },
      { name: 'lint repo + tree, empty cache', argv, env: cold, ok: [0, 1], before: () => rmSync(cold.XDG_CACHE_HOME, { recursive: true, force: true }) },
      { name: 'lint repo + tree, warm cache', argv, env: warm, ok: [0, 1] },
      { name: 'lint repo, no cache', argv: [process.execPath, join(ROOT, 'bin/regcfg.cjs'), 'lint', ROOT, '--no-cache'], env, ok: [0, 1] },
    ], { rounds: cfg.lintRounds, baseline: 'node -e 0' })
    const same = spawnSync(argv[0], argv.slice(1), { env: warm, encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 26 }).stdout === r.stdout
    if (!same) throw new Error('lint with a warm cache reported other findings than without the cache')
    load.after = await loadSnapshot()
    return { times: t, fixtureFiles: files, distinctContents: distinct(tree), linted, load, summaryLine: r.stderr.trim().split('\n').at(-1) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
