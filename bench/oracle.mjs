// /validate of the same request on regcfg's auth-server and on the registry's own (its Python server from a
// registry checkout, the conformance oracle), both started from ONE container environment
// (conformance/oracle/pair.ts: examples/keycloak.yaml on the terraform surface, FerretDB, the mock IdP).
// Each server pinned to CPU 0 (taskset), wrk to CPU 1; interleaved rounds; medians. Writes
// its key of bench/results.json (`oracle`) and so its section of BENCHMARKS.md (bench/oracle-report.mjs).
//
//   node bench/oracle.mjs [--registry DIR] [--quick]      (after `npm run build` and tools/setup-test-services.sh;
//                                                        --quick prints its figures and saves nothing)
import { execFileSync, spawn } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { loadResults, saveSection } from './lib/results.mjs'
import { oracleSection } from './oracle-report.mjs'
import { freePort, has, LOAD_CPU, loadSnapshot, machine, ROOT, SERVER_CPU, stop, waitHttp } from './lib/util.mjs'
import { interleaved } from './lib/wrk.mjs'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const registryDir = args.includes('--registry') ? args[args.indexOf('--registry') + 1] : (process.env.REGCFG_REGISTRY ?? join(ROOT, '..', 'shared', 'registry'))
const cfg = quick ? { rounds: 2, seconds: 2, warmup: 1, tokens: 12000 } : { rounds: 7, seconds: 3, warmup: 2, tokens: 24000 }
const log = (l) => process.stderr.write(l + '\n')
const REGISTRY = 'https://registry.example.com'
const GROUPS = ['public-mcp-users']
const BODY = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'current_time_by_timezone', arguments: {} } })

/**
 * The harness is TypeScript: bundled once into bench/.oracle-rig/ (two levels below the root, as the
 * modules' own paths to schema/, .tools/ and the checkout expect), packages left to node_modules.
 */
async function loadRig() {
  const dir = join(ROOT, 'bench', '.oracle-rig')
  mkdirSync(dir, { recursive: true })
  const outfile = join(dir, 'rig.mjs')
  await build({
    stdin: {
      contents: [
        "export { startMongo } from './conformance/harness/mongo.ts'",
        "export { startRegistryAuthServer, registryAuthServerMissing } from './conformance/harness/registry-auth-server.ts'",
        "export { pairEnv } from './conformance/oracle/pair.ts'",
        "export { mcpHeaders, normAnswer } from './conformance/observe.ts'",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning',
  })
  const rig = await import(outfile)
  return { rig, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** One run in a line of the history table. */
export const summary = (r) => ({ date: r.date, at: r.at, load: r.load, ratios: r.ratios, rps: Object.fromEntries(Object.entries(r.runs).map(([k, v]) => [k, v.rps])) })

/**
 * `regcfg serve` (the dist bundle) from the container environment, pinned to the server CPU; its request
 * logs go to a file (a pipe back to this process would cost this process a read per line).
 */
async function regcfgServe(env, extra = {}) {
  const port = await freePort()
  const logFile = join(ROOT, 'bench', '.oracle-rig', `regcfg-${port}.log`)
  const fd = openSync(logFile, 'w')
  const p = spawn('taskset', ['-c', String(SERVER_CPU), process.execPath, join(ROOT, 'bin/regcfg.cjs'), 'serve', '--host', '127.0.0.1', '--port', String(port)], {
    env: { ...env, ...extra, PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'ignore', fd],
  })
  closeSync(fd)
  p.errText = () => readFileSync(logFile, 'utf8').slice(0, 4096)
  const url = `http://127.0.0.1:${port}`
  await waitHttp(`${url}/health`, p)
  return { url, pid: p.pid, stop: () => stop(p) }
}

/** `n` distinct Bearer tokens of the provider's shape, signed with the mock IdP's current key, one a line. */
function tokensFile(pair, n, file) {
  const key = pair.idp.currentKey()
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  const head = b64({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
  const lines = []
  for (let i = 0; i < n; i++) {
    const body = b64({ ...pair.claims(GROUPS, `bench-${i}`), iss: pair.idp.issuer, iat: now, exp: now + 7200, jti: `bench-${i}` })
    lines.push(`${head}.${body}.${key.signRs256(Buffer.from(`${head}.${body}`)).toString('base64url')}`)
  }
  writeFileSync(file, lines.join('\n') + '\n')
  return file
}

async function main() {
  for (const tool of ['wrk', 'taskset']) if (!has(tool)) throw new Error(`${tool} is needed (tools/setup-test-services.sh checks for it)`)
  if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) throw new Error('dist/ is missing: npm run build first')
  // this process (the mock IdP, the registry's log lines) and what it starts (FerretDB) on the load CPU
  // with wrk; each server is pinned to the server CPU on its own, so CPU 0 runs only the server measured
  execFileSync('taskset', ['-a', '-p', '-c', String(LOAD_CPU), String(process.pid)], { stdio: 'ignore' })
  const { rig, remove } = await loadRig()
  const missing = rig.registryAuthServerMissing(registryDir)
  if (missing) throw new Error(missing)
  const cleanup = []
  const t0 = Date.now()
  const results = { machine: machine(), cfg, quick, infraCpu: LOAD_CPU, at: new Date().toISOString().slice(11, 16), load: { before: await loadSnapshot() } }
  log(`load before: ${results.load.before.loadavg}, ${results.load.before.busyPct}% busy (${results.load.before.top})`)
  try {
    const mongo = await rig.startMongo({ log })
    cleanup.push(() => mongo.stop())
    const pair = await rig.pairEnv({ specFile: join(ROOT, 'examples/keycloak.yaml'), surface: 'terraform', mongoUri: mongo.uri, database: `regcfg_bench_oracle_${process.pid}` })
    cleanup.push(() => pair.stop())
    const store = pair.scopes()
    await store.seed(pair.specScopes)
    await store.close()

    const pinned = (command, argv) => ({ command: 'taskset', args: ['-c', String(SERVER_CPU), command, ...argv] })
    const registry = await rig.startRegistryAuthServer({ registryDir, env: pair.env, wrap: pinned })
    cleanup.push(() => registry.stop())
    const quiet = await rig.startRegistryAuthServer({ registryDir, env: pair.env, extraEnv: { APP_LOG_CENTRALIZED_ENABLED: 'false', AUDIT_LOG_ENABLED: 'false' }, wrap: pinned })
    cleanup.push(() => quiet.stop())
    const hit = await regcfgServe(pair.env)
    cleanup.push(() => hit.stop())
    const off = await regcfgServe(pair.env, { REGCFG_TOKEN_CACHE_MAX: '0', REGCFG_SCOPE_CACHE_TTL_MS: '0' })
    cleanup.push(() => off.stop())

    // the request nginx sends for a tools/call on currenttime, with the hop's marker and upstream (both mint X-Internal-Token)
    const hop = { upstream: 'http://currenttime.mcp.internal:8000/', marker: pair.env.AUTH_SERVER_NGINX_MARKER_SECRET }
    const mcp = rig.mcpHeaders(REGISTRY, 'currenttime', 'tools/call', 'current_time_by_timezone', hop)
    const token = await pair.idp.signToken(pair.claims(GROUPS, 'bench-user'), { expiresIn: 7200 })
    const headers = { ...mcp, Authorization: `Bearer ${token}` }

    // the same decision and identity headers from every server before anything is measured
    const servers = { registry, 'registry, logging off': quiet, 'regcfg': hit, 'regcfg, caches off': off }
    const answers = {}
    results.jwksFetches = {}
    for (const [name, s] of Object.entries(servers)) {
      const before = pair.idp.jwksFetches
      for (let i = 0; i < 3; i++) answers[name] = JSON.stringify(await rig.normAnswer(await fetch(`${s.url}/validate`, { headers }), { secretKey: pair.env.SECRET_KEY }))
      results.jwksFetches[name] = pair.idp.jwksFetches - before
    }
    const distinct = new Set(Object.values(answers))
    if (distinct.size !== 1 || !answers.registry.includes('"status":200')) throw new Error(`the servers do not answer the benchmark's request alike:\n${Object.entries(answers).map(([k, v]) => `${k}: ${v}`).join('\n')}`)
    results.answer = JSON.parse(answers.registry)
    log(`every server answers the request alike: ${results.answer.status}, X-Scopes ${results.answer.headers['x-scopes']}; JWKS fetches for 3 requests: ${JSON.stringify(results.jwksFetches)}`)

    log(`signing ${cfg.tokens} tokens`)
    const tokens = tokensFile(pair, cfg.tokens, join(ROOT, 'bench', '.oracle-rig', 'tokens.txt'))
    const at = (s, extra = {}) => ({ url: `${s.url}/validate`, headers: mcp, timeoutS: 10, ...extra })
    const targets = [
      { name: 'registry', load: at(registry, { headers }) },
      { name: 'registry, logging off', load: at(quiet, { headers }) },
      { name: 'registry, new token every request', load: at(registry, { tokensFile: tokens }) },
      { name: 'regcfg, cache hit', load: at(hit, { headers }) },
      { name: 'regcfg, caches off', load: at(off, { headers }) },
      { name: 'regcfg, new token every request', load: at(hit, { tokensFile: tokens }) },
    ]
    results.runs = await interleaved(targets, { rounds: cfg.rounds, seconds: cfg.seconds, warmupSeconds: cfg.warmup, baseline: 'registry', log })
    // the new-token ratio against the registry under the same token stream, round by round
    const byRound = (a, b) => results.runs[a].runs.map((x, i) => x.rps / results.runs[b].runs[i].rps).sort((x, y) => x - y)
    const med = (xs) => (xs.length % 2 ? xs[xs.length >> 1] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2)
    results.ratios = {
      hit: med(byRound('regcfg, cache hit', 'registry')),
      hitQuiet: med(byRound('regcfg, cache hit', 'registry, logging off')),
      off: med(byRound('regcfg, caches off', 'registry')),
      newToken: med(byRound('regcfg, new token every request', 'registry, new token every request')),
      newTokenQuiet: med(byRound('regcfg, new token every request', 'registry, logging off')),
      quiet: med(byRound('registry, logging off', 'registry')),
    }
    results.load.after = await loadSnapshot()
    results.minutes = (Date.now() - t0) / 60000
  } finally {
    for (const fn of cleanup.reverse()) await fn().catch(() => {})
    remove()
  }
  if (quick) {
    // harness debugging: printed, never saved over a real run
    log(oracleSection({ date: new Date().toISOString().slice(0, 10), ...results }).join('\n'))
    return
  }
  // the last runs' ratios stay beside the new one: on a shared machine one run is not a verdict
  const prev = loadResults().oracle
  const history = [...(prev?.history ?? []), ...(prev?.ratios ? [summary(prev)] : [])].slice(-5)
  saveSection('oracle', { date: new Date().toISOString().slice(0, 10), ...results, history })
  log(`bench/results.json and BENCHMARKS.md written (${results.minutes.toFixed(1)} min)`)
}

await main()
