// /validate against a bare node:http server: cache hit, no cache (a new token every request), what each
// cache contributes, cost growth with scopes per user, and the server's RSS over a 60 s run.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MCP_HEADERS, scopesPerUser, scopesSpec, startRig, typicalScopes, USER_GROUPS } from './lib/rig.mjs'
import { interleaved, paired, wrk } from './lib/wrk.mjs'
import { median, ROOT, rssKb, sleep } from './lib/util.mjs'

export async function benchValidate(cfg, log) {
  const rig = await startRig()
  try {
    const spec = join(rig.dir, 'spec.yaml')
    writeFileSync(spec, scopesSpec(typicalScopes()))
    const bare = await rig.bare()
    const bareHeaders = await rig.bare({ identityHeaders: true })
    const on = await rig.auth({ spec })
    const noToken = await rig.auth({ spec, env: { REGCFG_TOKEN_CACHE_MAX: '0' } })
    const noScope = await rig.auth({ spec, env: { REGCFG_SCOPE_CACHE_TTL_MS: '0' } })
    const none = await rig.auth({ spec, env: { REGCFG_TOKEN_CACHE_MAX: '0', REGCFG_SCOPE_CACHE_TTL_MS: '0' } })
    const token = rig.token(USER_GROUPS)
    const hit = { Authorization: `Bearer ${token}`, ...MCP_HEADERS }
    log(`signing ${cfg.tokens} tokens`)
    const tokensFile = await rig.tokensFile(cfg.tokens, USER_GROUPS)
    const opts = { rounds: cfg.rounds, seconds: cfg.seconds, warmupSeconds: cfg.warmup, log }

    log('/validate, one token (cache hit) vs bare node:http')
    const hitRes = await interleaved([
      { name: 'bare', load: { url: `${bare.url}/validate`, headers: hit } },
      { name: 'bare, with the identity headers', load: { url: `${bareHeaders.url}/validate`, headers: hit } },
      { name: 'validate, both caches', load: { url: `${on.url}/validate`, headers: hit } },
      { name: 'validate, token cache off', load: { url: `${noToken.url}/validate`, headers: hit } },
      { name: 'validate, scope cache off', load: { url: `${noScope.url}/validate`, headers: hit } },
      { name: 'validate, both caches off', load: { url: `${none.url}/validate`, headers: hit } },
    ], { ...opts, baseline: 'bare' })

    log(`/validate, a new token every request (${cfg.tokens} tokens cycled) vs bare node:http`)
    const missRes = await interleaved([
      { name: 'bare', load: { url: `${bare.url}/validate`, headers: MCP_HEADERS, tokensFile } },
      { name: 'validate, new token each request', load: { url: `${on.url}/validate`, headers: MCP_HEADERS, tokensFile } },
      { name: 'validate, new token, token cache off', load: { url: `${noToken.url}/validate`, headers: MCP_HEADERS, tokensFile } },
    ], { ...opts, baseline: 'bare' })

    log('paired: each target loaded together with bare node:http, CPU time per request of both')
    const at = (server, load) => ({ pid: server.pid, load: { url: `${server.url}/validate`, ...load } })
    const pairedOpts = { rounds: cfg.pairedRounds, seconds: cfg.seconds }
    const pairedHit = await paired(at(bare, { headers: hit }), [
      { name: 'bare, with the identity headers', ...at(bareHeaders, { headers: hit }) },
      { name: 'validate, both caches', ...at(on, { headers: hit }) },
    ], pairedOpts)
    const pairedMiss = await paired(at(bare, { headers: MCP_HEADERS, tokensFile }), [{ name: 'validate, new token each request', ...at(on, { headers: MCP_HEADERS, tokensFile }) }], pairedOpts)

    let storage
    const ferret = cfg.storage ? await rig.ferret() : undefined
    if (ferret) {
      log(`scopes from storage (FerretDB at ${ferret.uri}, pinned with the server)`)
      execFileSync(process.execPath, [join(ROOT, 'bin/regcfg.cjs'), 'db', 'seed', spec], { env: { ...process.env, MONGODB_CONNECTION_STRING: ferret.uri, SECRET_KEY: 'x'.repeat(40) }, stdio: 'ignore' })
      const env = { MONGODB_CONNECTION_STRING: ferret.uri }
      const mOn = await rig.auth({ env })
      const mOff = await rig.auth({ env: { ...env, REGCFG_SCOPE_CACHE_TTL_MS: '0' } })
      storage = await interleaved([
        { name: 'bare', load: { url: `${bare.url}/validate`, headers: hit } },
        { name: 'validate, storage, scope cache on', load: { url: `${mOn.url}/validate`, headers: hit } },
        { name: 'validate, storage, scope cache off', load: { url: `${mOff.url}/validate`, headers: hit } },
      ], { ...opts, baseline: 'bare' })
    } else log('FerretDB not found: scope cache measured with in-memory scopes only')

    log('scopes per user: 1 → 1000')
    const curve = []
    for (const n of cfg.scopesPerUser) {
      const s = join(rig.dir, `spec-${n}.yaml`)
      writeFileSync(s, scopesSpec(scopesPerUser(n)))
      const a = await rig.auth({ spec: s })
      const h = { Authorization: `Bearer ${rig.token(['bench-users'])}`, ...MCP_HEADERS }
      const probe = await fetch(`${a.url}/validate`, { headers: h })
      if (probe.status !== 200) throw new Error(`scopes-per-user ${n}: /validate answered ${probe.status}`)
      const r = await interleaved([
        { name: 'bare', load: { url: `${bare.url}/validate`, headers: h } },
        { name: 'validate', load: { url: `${a.url}/validate`, headers: h } },
      ], { ...opts, rounds: cfg.curveRounds, seconds: cfg.curveSeconds, warmupSeconds: 2, baseline: 'bare' })
      curve.push({ scopes: n, rps: r.validate.rps, rpsRatio: r.validate.rpsRatio, p99: r.validate.p99, p99Ratio: r.validate.p99Ratio, bareRps: r.bare.rps })
      await import('./lib/util.mjs').then((u) => u.stop(a.child))
    }

    log(`memory: RSS of the auth-server over ${cfg.memorySeconds} s of load (new token every request, then one token, alternating)`)
    const gcLog = join(rig.dir, 'gc.log')
    const fresh = await rig.auth({ spec, env: { NODE_OPTIONS: `--require ${join(ROOT, 'bench/lib/gc-observer.cjs')}`, REGCFG_BENCH_GC_LOG: gcLog } })
    const rss0 = rssKb(fresh.pid)
    // warm-up, as for every other figure: one phase of each load, so the run starts with the token cache at its
    // bound (filling it is growth by design, not what "flat" asks about)
    const warm = Math.max(2, Math.min(10, Math.round(cfg.memorySeconds / 6)))
    await wrk({ url: `${fresh.url}/validate`, headers: MCP_HEADERS, tokensFile, seconds: warm })
    await wrk({ url: `${fresh.url}/validate`, headers: hit, seconds: warm })
    const samples = []
    let done = false
    const sampler = (async () => {
      const t0 = Date.now()
      while (!done) {
        samples.push({ t: (Date.now() - t0) / 1000, kb: rssKb(fresh.pid) })
        await sleep(500)
      }
    })()
    const t0 = Date.now()
    let phase = 0
    while ((Date.now() - t0) / 1000 < cfg.memorySeconds - 1) {
      const left = Math.max(1, Math.min(10, Math.round(cfg.memorySeconds - (Date.now() - t0) / 1000)))
      await wrk(phase++ % 2 === 0 ? { url: `${fresh.url}/validate`, headers: MCP_HEADERS, tokensFile, seconds: left } : { url: `${fresh.url}/validate`, headers: hit, seconds: left })
    }
    done = true
    await sampler
    const kb = samples.map((s) => s.kb)
    const firstTenth = samples.filter((s) => s.t >= 5 && s.t < 15).map((s) => s.kb)
    const lastTenth = samples.filter((s) => s.t >= cfg.memorySeconds - 11).map((s) => s.kb)
    let majorGcs = []
    try {
      majorGcs = readFileSync(gcLog, 'utf8').trim().split('\n').filter(Boolean).map((l) => ({ t: Number(l.split(' ')[0]), heapMiB: Number(l.split(' ')[1]) }))
    } catch {
      /* no major GC in the run */
    }
    const memory = { idleKb: rss0, peakKb: Math.max(...kb), early: Math.max(...firstTenth), late: Math.max(...lastTenth), samples, majorGcs }

    return { hit: hitRes, miss: missRes, paired: { ...pairedHit, ...pairedMiss }, storage, curve, memory, tokens: cfg.tokens }
  } finally {
    await rig.stop()
  }
}
