// regcfg lint over the repository plus a generated 1,000-file tree of surface files.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { interleavedTimes } from './cli.mjs'
import { benchSecrets } from './lib/specgen.mjs'
import { ROOT } from './lib/util.mjs'

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

export function benchLint(cfg, log) {
  const dir = mkdtempSync(join(tmpdir(), 'regcfg-bench-lint-'))
  try {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...benchSecrets(), SECRET_KEY: 'bench-only-signing-key-0123456789abcdef', AUTH_SERVER_NGINX_MARKER_SECRET: 'bench-marker-secret', COGNITO_CLIENT_SECRET: 'bench-client-secret', KEYCLOAK_CLIENT_SECRET: 'x'.repeat(24), KEYCLOAK_ADMIN_PASSWORD: 'y'.repeat(24) }
    const { tree, files } = lintFixture(dir, env)
    const argv = [process.execPath, join(ROOT, 'bin/regcfg.cjs'), 'lint', ROOT, tree, '--format', 'json']
    const r = spawnSync(argv[0], argv.slice(1), { env, encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 26 })
    if (r.status !== 0 && r.status !== 1) throw new Error(`lint exited ${r.status}: ${r.stderr.slice(0, 2000)}`)
    let linted
    try {
      const j = JSON.parse(r.stdout)
      linted = { findings: (j.findings ?? j.results ?? []).length, files: Array.isArray(j.files) ? j.files.length : j.files }
    } catch {
      linted = { findings: undefined }
    }
    log(`lint: repository + ${files}-file tree`)
    const t = interleavedTimes([
      { name: 'node -e 0', argv: [process.execPath, '-e', '0'], env },
      { name: 'lint repo + tree', argv, env, ok: [0, 1] },
      { name: 'lint repo', argv: [process.execPath, join(ROOT, 'bin/regcfg.cjs'), 'lint', ROOT], env, ok: [0, 1] },
    ], { rounds: cfg.lintRounds, baseline: 'node -e 0' })
    return { times: t, fixtureFiles: files, linted, summaryLine: r.stderr.trim().split('\n').at(-1) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
