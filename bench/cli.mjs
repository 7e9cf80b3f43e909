// Process-level timings, interleaved: every round runs each command once (rotating order), after warm-up.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { benchSecrets, generateSpec } from './lib/specgen.mjs'
import { median, ROOT, SERVER_CPU } from './lib/util.mjs'

const CA = '/etc/ssl/certs/ca-certificates.crt'
const BIN = join(ROOT, 'bin/regcfg.cjs')

/** CPU time of this process's waited-for children so far, in ms (/proc/self/stat cutime + cstime, in clock ticks of 10 ms). */
const childCpuMs = () => {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
  return (Number(f[13]) + Number(f[14])) * 10
}

/** Wall ms and CPU ms for one run of argv (pinned to the server CPU); throws when the exit code is not expected. */
function time(argv, env, okCodes = [0]) {
  const cpu0 = childCpuMs()
  const t0 = process.hrtime.bigint()
  const r = spawnSync('taskset', ['-c', String(SERVER_CPU), ...argv], { env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 24 })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  if (!okCodes.includes(r.status)) throw new Error(`${argv.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 2000)}`)
  return { ms, cpuMs: childCpuMs() - cpu0 }
}

/**
 * Commands { name, argv, env, ok, before? } → { name: { ms, cpuMs, runs } } plus ratios to `baseline` (per round);
 * `before` runs ahead of each of the command's runs, untimed (e.g. emptying a cache).
 */
export function interleavedTimes(cmds, { rounds, warmup = 3, baseline }) {
  const once = (c) => (c.before?.(), time(c.argv, c.env, c.ok))
  for (const c of cmds) for (let i = 0; i < warmup; i++) once(c)
  const runs = Object.fromEntries(cmds.map((c) => [c.name, []]))
  const cpu = Object.fromEntries(cmds.map((c) => [c.name, []]))
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < cmds.length; i++) {
      const c = cmds[(i + r) % cmds.length]
      const t = once(c)
      runs[c.name].push(t.ms)
      cpu[c.name].push(t.cpuMs)
    }
  }
  const out = {}
  for (const c of cmds) out[c.name] = { ms: median(runs[c.name]), cpuMs: median(cpu[c.name]), ratio: median(runs[c.name].map((x, i) => x / runs[baseline][i])), runs: runs[c.name] }
  return out
}

function baseEnv(withCa) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...benchSecrets(), SECRET_KEY: 'bench-only-signing-key-0123456789abcdef', AUTH_SERVER_NGINX_MARKER_SECRET: 'bench-marker-secret', COGNITO_CLIENT_SECRET: 'bench-client-secret' }
  if (withCa) env.NODE_EXTRA_CA_CERTS = CA
  return env
}

export function benchCliStart(cfg, log) {
  const out = mkdtempSync(join(tmpdir(), 'regcfg-bench-cli-'))
  try {
    const res = {}
    for (const withCa of [false, true]) {
      const env = baseEnv(withCa)
      log(`CLI start${withCa ? ' with NODE_EXTRA_CA_CERTS' : ''}`)
      res[withCa ? 'withCa' : 'plain'] = interleavedTimes([
        { name: 'node -e 0', argv: [process.execPath, '-e', '0'], env },
        { name: 'regcfg --version', argv: [process.execPath, BIN, '--version'], env },
        { name: 'regcfg compile cognito --target all', argv: [process.execPath, BIN, 'compile', join(ROOT, 'examples/cognito.yaml'), '--target', 'all', '--out', join(out, 'o')], env },
      ], { rounds: cfg.cliRounds, baseline: 'node -e 0' })
    }
    return res
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

/** Compile at scale (end to end, the CLI as a user runs it) and compile time against spec size. */
export function benchCompile(cfg, log) {
  const dir = mkdtempSync(join(tmpdir(), 'regcfg-bench-compile-'))
  try {
    const env = baseEnv(false)
    const spec = join(dir, 'spec-2000.yaml')
    writeFileSync(spec, generateSpec({ mappings: 2000, servers: 2000 }))
    // diagnostics still carry line numbers: the RC4002 warnings of the generated spec name file:line:col
    const check = spawnSync(process.execPath, [join(ROOT, 'bin/regcfg.cjs'), 'compile', spec, '--target', 'all', '--out', join(dir, 'o')], { env, encoding: 'utf8' })
    if (check.status !== 0) throw new Error(`compile of the generated spec failed:\n${check.stderr.slice(0, 3000)}`)
    const positioned = [...check.stderr.matchAll(/spec-2000\.yaml:(\d+):(\d+): warning/g)].length
    log('compile at scale: 2,000 servers, 2,000 group mappings, every parameter, --target all')
    const scale = interleavedTimes([
      { name: 'node -e 0', argv: [process.execPath, '-e', '0'], env },
      { name: 'compile 2k', argv: [process.execPath, BIN, 'compile', spec, '--target', 'all', '--out', join(dir, 'o')], env },
    ], { rounds: cfg.compileRounds, baseline: 'node -e 0' })
    log('compile time against spec size')
    const growth = []
    const cmds = [{ name: 'node -e 0', argv: [process.execPath, '-e', '0'], env }]
    for (const n of cfg.mappings) {
      const f = join(dir, `spec-g${n}.yaml`)
      writeFileSync(f, generateSpec({ mappings: n, servers: n }))
      cmds.push({ name: String(n), argv: [process.execPath, BIN, 'compile', f, '--target', 'all', '--out', join(dir, 'g')], env })
    }
    const g = interleavedTimes(cmds, { rounds: cfg.growthRounds, warmup: 1, baseline: 'node -e 0' })
    for (const n of cfg.mappings) growth.push({ mappings: n, ms: g[String(n)].ms, ratio: g[String(n)].ratio, lines: generateSpec({ mappings: n, servers: n }).split('\n').length })
    return { scale, positioned, growth, baseline: g['node -e 0'].ms }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
