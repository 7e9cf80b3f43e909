// The section of BENCHMARKS.md that bench/oracle.mjs's figures make: regcfg against the registry's auth-server.
import { SERVER_CPU } from './lib/util.mjs'

const n = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })

/** bench/oracle.mjs's section of BENCHMARKS.md, from its results (bench/results.json `oracle`). */
export function oracleSection(r) {
  const row = (name) => {
    const x = r.runs[name]
    return `| ${name} | ${n(x.rps)} | ${n(Math.min(...x.runs.map((y) => y.rps)))}–${n(Math.max(...x.runs.map((y) => y.rps)))} | ${n(x.p50, 2)} | ${n(x.p99, 2)} | ${x.non2xx + x.errors} |`
  }
  const verdict = (v, target) => (v >= target ? '**pass**' : '**FAIL**')
  return [
    '## regcfg against the registry\'s auth-server (`node bench/oracle.mjs`)',
    '',
    `Measured ${r.date}${r.at ? ` ${r.at} UTC` : ''}${r.quick ? ' (--quick: not for publication)' : ''}. The same request on both servers: a \`tools/call\` of`,
    '`current_time_by_timezone` on `currenttime` (X-Original-URL, X-Body, the nginx marker and X-Resolved-Upstream, so both mint',
    '`X-Internal-Token`), a Keycloak Bearer token of `public-mcp-users`, from ONE container environment (`conformance/oracle/pair.ts`:',
    '`examples/keycloak.yaml` on the terraform surface, scopes in FerretDB, the mock IdP). regcfg is `regcfg serve` (dist bundle), the',
    'registry\'s is its `auth_server/` under uvicorn from the checkout (1.29.0, `tools/setup-test-services.sh`\'s venv). Each server',
    `pinned to CPU ${SERVER_CPU} with taskset, wrk (1 thread, 32 connections) to CPU 1; FerretDB, the mock IdP (its JWKS is fetched by the`,
    `registry\'s server on every request) and the benchmark process ${r.infraCpu !== undefined ? `on CPU ${r.infraCpu} with wrk` : 'not pinned'}. Every server answered the request with the same status, identity headers and`,
    `internal-token claims before the runs (X-Scopes \`${r.answer.headers['x-scopes']}\`). ${r.cfg.rounds} interleaved rounds of ${r.cfg.seconds} s after a ${r.cfg.warmup} s warm-up`,
    `each, rotating order; medians; ratios are medians of per-round ratios. "New token every request": ${n(r.cfg.tokens)} distinct tokens cycled.`,
    '',
    `**Load:** this 2-core machine is shared with other engineers' builds and tests: before ${r.load.before.loadavg} (loadavg 1/5/15), ${r.load.before.busyPct}% busy`,
    `(${r.load.before.top}); after ${r.load.after.loadavg}, ${r.load.after.busyPct}% busy. Absolute numbers move with that load; the ratios less so.`,
    '',
    '| server | req/s (median) | range over rounds | p50 ms | p99 ms | non-2xx + errors |',
    '|---|---|---|---|---|---|',
    ...Object.keys(r.runs).map(row),
    '',
    '| ratio | measured | target | verdict |',
    '|---|---|---|---|',
    `| regcfg cache hit / registry | ${n(r.ratios.hit)}× | ≥ 300× | ${verdict(r.ratios.hit, 300)} |`,
    `| regcfg new token every request / registry (same token stream) | ${n(r.ratios.newToken, 1)}× | ≥ 10× | ${verdict(r.ratios.newToken, 10)} |`,
    `| regcfg cache hit / registry with its logging off | ${n(r.ratios.hitQuiet)}× | – | info |`,
    `| regcfg new token every request / registry with its logging off | ${n(r.ratios.newTokenQuiet, 1)}× | – | info |`,
    `| regcfg caches off (token and scope cache) / registry | ${n(r.ratios.off, 1)}× | – | info |`,
    `| registry logging off (\`APP_LOG_CENTRALIZED_ENABLED=false AUDIT_LOG_ENABLED=false\`) / registry | ${n(r.ratios.quiet, 2)}× | – | info |`,
    '',
    `- The registry\'s server builds a new provider object per request (\`auth_server/providers/factory.py:64\`), whose JWKS cache lives on`,
    `  the object, so it fetches the JWKS on every request (the mock IdP counted ${r.jwksFetches.registry} fetches for 3 requests; regcfg ${r.jwksFetches.regcfg}), and it reads`,
    '  the scope documents from storage on every request (one `$in` query, then one `find_one` per',
    '  scope); it has no token cache, so a new token costs it nothing extra. regcfg\'s "caches off" verifies every token and asks',
    '  FerretDB on every request; "new token every request" misses the token cache but keeps the JWKS and the scope cache.',
    '',
    ...(r.history?.length ? [
      'Earlier runs (the same benchmark; the machine\'s load differs from run to run, so does the verdict on the 300× target):',
      '',
      '| run (UTC) | load before → after (busy) | registry req/s | regcfg cache hit req/s | cache hit / registry | new token / registry |',
      '|---|---|---|---|---|---|',
      ...r.history.map((h) => `| ${h.date}${h.at ? ` ${h.at}` : ''} | ${h.load.before.loadavg.split(' ')[0]} (${h.load.before.busyPct}%) → ${h.load.after.loadavg.split(' ')[0]} (${h.load.after.busyPct}%) | ${n(h.rps.registry)} | ${n(h.rps['regcfg, cache hit'])} | ${n(h.ratios.hit)}× | ${n(h.ratios.newToken, 1)}× |`),
      '',
    ] : []),
  ]
}

