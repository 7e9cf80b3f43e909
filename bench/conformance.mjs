// The whole conformance run with renders: `regcfg conformance examples/<p>.yaml --registry DIR` for
// every example, one after the other (as a user's CI runs them), each with all four surfaces rendered
// by the real tools; wall time per example and in total, N rounds, medians. Also the same run on the
// model (no --registry), to show what the renders cost. Needs the build and the tools
// (bash tools/setup-test-services.sh). Target (issue 15): all examples × 4 surfaces under 60 s.
//   node bench/conformance.mjs [--rounds N] [--registry DIR] [--no-chromium] [--json]
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { saveSection } from './lib/results.mjs'
import { loadSnapshot, median, ROOT } from './lib/util.mjs'

const args = process.argv.slice(2)
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt)
const rounds = Number(opt('rounds', '3'))
const registry = resolve(opt('registry', join(ROOT, '../shared/registry')))
// an example that says `# conformance: not run (...)` is not a deployment to start (test/conformance/examples.test.ts)
const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml') && !/^# conformance: not run \(/m.test(readFileSync(join(ROOT, 'examples', f), 'utf8'))).sort()
const env = { ...process.env, ...(args.includes('--no-chromium') ? { REGCFG_CHROMIUM: '/nonexistent' } : {}) }

function once(file, withRegistry) {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/regcfg.cjs'), 'conformance', file, ...(withRegistry ? ['--registry', registry] : [])], { cwd: ROOT, env, encoding: 'utf8' })
  const ms = performance.now() - t0
  if (r.status !== 0) throw new Error(`${file}${withRegistry ? ' (rendered)' : ''}: exit ${r.status}\n${r.stdout.slice(-2000)}${r.stderr.slice(-1000)}`)
  return ms
}

const rows = []
for (const mode of ['rendered', 'model']) {
  const totals = []
  const per = new Map(examples.map((e) => [e, []]))
  for (let i = 0; i < rounds; i++) {
    let total = 0
    for (const e of examples) {
      const ms = once(join('examples', e), mode === 'rendered')
      per.get(e).push(ms)
      total += ms
    }
    totals.push(total)
    process.stderr.write(`${mode} round ${i + 1}: ${(total / 1000).toFixed(1)} s\n`)
  }
  for (const e of examples) rows.push({ mode, example: e, ms: Math.round(median(per.get(e))) })
  rows.push({ mode, example: 'all, in sequence', ms: Math.round(median(totals)) })
}
saveSection('conformance', { date: new Date().toISOString().slice(0, 10), rounds, chromium: !args.includes('--no-chromium'), load: await loadSnapshot(), rows })
if (args.includes('--json')) process.stdout.write(JSON.stringify(rows, null, 1) + '\n')
else {
  console.log(`| example | rendered (4 surfaces, median of ${rounds}) | model |`)
  console.log('|---|---:|---:|')
  for (const e of [...examples, 'all, in sequence']) {
    const r = rows.find((x) => x.mode === 'rendered' && x.example === e)
    const m = rows.find((x) => x.mode === 'model' && x.example === e)
    console.log(`| ${e} | ${(r.ms / 1000).toFixed(1)} s | ${(m.ms / 1000).toFixed(1)} s |`)
  }
}
