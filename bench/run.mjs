// npm run bench: every benchmark of issue 8, each figure a ratio to a baseline measured in the same run,
// written to BENCHMARKS.md (+ bench/results.json, bench/*.png). Options:
//   --quick            fewer/shorter rounds (harness debugging; figures not for publication)
//   --only a,b         validate, nginx, cli, compile, lint (default: all)
import { benchCliStart, benchCompile } from './cli.mjs'
import { benchLint } from './lint.mjs'
import { benchNginx } from './nginx.mjs'
import { plots } from './plot.mjs'
import { loadResults, saveResults } from './lib/results.mjs'
import { has, loadSnapshot, machine } from './lib/util.mjs'
import { benchValidate } from './validate.mjs'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : ['validate', 'nginx', 'cli', 'compile', 'lint']
const cfg = quick
  ? { rounds: 2, seconds: 2, warmup: 1, pairedRounds: 2, tokens: 4000, storage: true, scopesPerUser: [1, 10, 100, 1000], curveRounds: 1, curveSeconds: 2, memorySeconds: 12, cliRounds: 5, compileRounds: 2, growthRounds: 1, mappings: [100, 1000, 10000], lintRounds: 2 }
  : { rounds: 9, seconds: 3, warmup: 3, pairedRounds: 7, tokens: 20000, storage: true, scopesPerUser: [1, 10, 100, 1000], curveRounds: 3, curveSeconds: 3, memorySeconds: 60, cliRounds: 30, compileRounds: 10, growthRounds: 3, mappings: [100, 300, 1000, 3000, 10000], lintRounds: 7 }

for (const tool of ['wrk', 'taskset', 'nginx']) if (!has(tool)) throw new Error(`${tool} is needed (Debian: apt-get install -y ${tool === 'taskset' ? 'util-linux' : tool})`)
const log = (l) => process.stderr.write(l + '\n')
const t0 = Date.now()
const results = { machine: machine(), cfg, quick, load: { before: await loadSnapshot() } }
log(`machine: ${results.machine.nproc} CPU(s), ${results.machine.cpuModel}, Node ${results.machine.node}; load ${results.load.before.loadavg}, ${results.load.before.busyPct}% busy`)
if (only.includes('validate')) results.validate = await benchValidate(cfg, log)
if (only.includes('nginx')) results.nginx = await benchNginx(cfg, log)
results.load.middle = await loadSnapshot()
if (only.includes('cli')) results.cli = benchCliStart(cfg, log)
if (only.includes('compile')) results.compile = benchCompile(cfg, log)
if (only.includes('lint')) results.lint = await benchLint(cfg, log)
results.load.after = await loadSnapshot()
results.minutes = (Date.now() - t0) / 60000
// the benchmarks that run on their own (bench/lint-precision.mjs, render.mjs, conformance.mjs, oracle.mjs) keep their last figures;
// with --only, so do the ones not run now (the machine and load lines stay the full run's; a section states its own load)
const previous = loadResults()
const kept = args.includes('--only')
  ? Object.fromEntries(Object.entries(previous).filter(([k]) => !only.includes(k)))
  : Object.fromEntries(Object.entries(previous).filter(([k]) => ['lintPrecision', 'render', 'conformance', 'oracle'].includes(k)))
// a partial run keeps the plots of the full one (the default of saveResults: the images that exist)
const images = args.includes('--only') ? undefined : plots(results, log)
saveResults(args.includes('--only') ? { ...kept, ...Object.fromEntries(only.filter((k) => k in results).map((k) => [k, results[k]])) } : { ...kept, ...results }, images)
log(`BENCHMARKS.md written (${results.minutes.toFixed(1)} min)`)
