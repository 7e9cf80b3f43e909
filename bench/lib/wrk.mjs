// wrk, pinned to the load-generator CPU, with a Lua report that prints one JSON line.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LOAD_CPU, median } from './util.mjs'

const dir = mkdtempSync(join(tmpdir(), 'regcfg-bench-wrk-'))
const REPORT = readFileSync(new URL('../wrk/report.lua', import.meta.url), 'utf8')
const TOKENS = readFileSync(new URL('../wrk/tokens.lua', import.meta.url), 'utf8')
const scripts = {}
function script(kind) {
  if (!scripts[kind]) {
    scripts[kind] = join(dir, `${kind}.lua`)
    writeFileSync(scripts[kind], (kind === 'tokens' ? TOKENS + '\n' : '') + REPORT)
  }
  return scripts[kind]
}

/**
 * One wrk run. `tokensFile` switches to the token-cycling script (a new token every request).
 * Returns { rps, p50, p99 (ms), errors, non2xx, requests }.
 */
export function wrk({ url, headers = {}, seconds = 5, connections = 32, threads = 1, tokensFile, timeoutS = 5 }) {
  const args = ['-c', String(LOAD_CPU), 'wrk', '-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--timeout', `${timeoutS}s`, '--latency']
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`)
  args.push('-s', script(tokensFile ? 'tokens' : 'static'), url)
  if (tokensFile) args.push('--', tokensFile, String(Math.floor(Math.random() * 1e6)))
  return new Promise((resolve, reject) => {
    execFile('taskset', args, { maxBuffer: 1 << 20, timeout: (seconds + 30) * 1000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`wrk failed: ${err.message}\n${stderr}`))
      const line = stdout.split('\n').find((l) => l.startsWith('{"requests"'))
      if (!line) return reject(new Error(`wrk printed no report:\n${stdout}\n${stderr}`))
      const r = JSON.parse(line)
      resolve({ rps: r.requests / (r.duration_us / 1e6), p50: r.p50_us / 1000, p90: r.p90_us / 1000, p99: r.p99_us / 1000, max: r.max_us / 1000, errors: r.errors, non2xx: r.non2xx, requests: r.requests })
    })
  })
}

/**
 * A/B/… rounds: every target is warmed up, then each round runs every target once (in an order that
 * rotates, so no target always follows the same one). Returns per target the runs and their medians, and
 * per non-baseline target the median of its per-round ratios to the baseline (same round).
 */
export async function interleaved(targets, { rounds = 5, seconds = 5, warmupSeconds = 3, baseline, log = () => {} }) {
  for (const t of targets) {
    log(`  warm-up ${t.name}`)
    await wrk({ ...t.load, seconds: warmupSeconds })
  }
  const runs = Object.fromEntries(targets.map((t) => [t.name, []]))
  for (let r = 0; r < rounds; r++) {
    const order = targets.map((_, i) => targets[(i + r) % targets.length])
    for (const t of order) {
      const res = await wrk({ ...t.load, seconds })
      runs[t.name].push(res)
      log(`  round ${r + 1}/${rounds} ${t.name}: ${res.rps.toFixed(0)} req/s, p99 ${res.p99.toFixed(2)} ms${res.non2xx || res.errors ? `, non-2xx ${res.non2xx}, errors ${res.errors}` : ''}`)
    }
  }
  const out = {}
  for (const t of targets) {
    const rs = runs[t.name]
    const base = runs[baseline]
    out[t.name] = {
      rps: median(rs.map((x) => x.rps)),
      p50: median(rs.map((x) => x.p50)),
      p99: median(rs.map((x) => x.p99)),
      non2xx: rs.reduce((s, x) => s + x.non2xx, 0),
      errors: rs.reduce((s, x) => s + x.errors, 0),
      requests: rs.reduce((s, x) => s + x.requests, 0),
      rpsRatio: median(rs.map((x, i) => x.rps / base[i].rps)),
      p99Ratio: median(rs.map((x, i) => x.p99 / base[i].p99)),
      runs: rs,
    }
  }
  return out
}

/** CPU time (user + system) a process has used, in seconds, from /proc/<pid>/stat. */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100 // clock ticks; 100 a second on Linux
}

/**
 * Paired rounds, for a machine whose speed swings within seconds (interleaved runs then compare different
 * machines): the baseline and a target are loaded at the same time, both servers on the server CPU and
 * both wrk on the load CPU, and each one's CPU time per request is read from /proc. Whatever slows the
 * CPU slows both in the same seconds, so the ratio of their costs holds where interleaved throughputs do
 * not. Returns per target the median over rounds of baseline cost / target cost: the target's requests/s
 * as a share of the baseline's on an otherwise idle CPU.
 */
export async function paired(baseline, targets, { rounds = 7, seconds = 3, connections = 16 } = {}) {
  const out = {}
  for (const t of targets) out[t.name] = []
  for (let r = 0; r < rounds; r++) {
    for (const t of targets) {
      const c0 = [cpuSeconds(baseline.pid), cpuSeconds(t.pid)]
      const [a, b] = await Promise.all([wrk({ ...baseline.load, seconds, connections }), wrk({ ...t.load, seconds, connections })])
      const c1 = [cpuSeconds(baseline.pid), cpuSeconds(t.pid)]
      const perA = (c1[0] - c0[0]) / a.requests
      const perB = (c1[1] - c0[1]) / b.requests
      out[t.name].push({ ratio: perA / perB, baseUs: perA * 1e6, targetUs: perB * 1e6 })
    }
  }
  return Object.fromEntries(Object.entries(out).map(([name, rs]) => [name, { ratio: median(rs.map((x) => x.ratio)), baseUs: median(rs.map((x) => x.baseUs)), targetUs: median(rs.map((x) => x.targetUs)), rounds: rs }]))
}
