// Render time per surface: `regcfg render --format json` of each example on each surface, N rounds,
// median of the render itself (renderMs: the tool runs, in parallel where they can be) and of the
// whole command (node start, compile, render, print). Needs the build (npm run build) and the tools
// (bash tools/setup-test-services.sh).
//   node bench/render.mjs [--rounds N] [--surfaces env,terraform,helm,helm-stack] [--registry DIR] [--json]
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { saveSection } from './lib/results.mjs'
import { loadSnapshot, median } from './lib/util.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt)
const rounds = Number(opt('rounds', '5'))
const surfaces = opt('surfaces', 'env,terraform,helm,helm-stack').split(',')
const registry = resolve(opt('registry', join(ROOT, '../shared/registry')))
const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).sort()

/** Stand-in values for every { env: NAME } the spec references. */
function secretEnv(file) {
  const env = {}
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') {
      if (typeof v.env === 'string' && Object.keys(v).length === 1) env[v.env] = `bench-${v.env.toLowerCase()}-0123456789`
      else Object.values(v).forEach(walk)
    }
  }
  walk(parse(readFileSync(file, 'utf8')))
  return env
}


const rows = []
const toolVersions = {}
for (const surface of surfaces) {
  for (const ex of examples) {
    const file = join('examples', ex)
    const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? '/tmp', ...secretEnv(join(ROOT, file)) }
    const render = []
    const command = []
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now()
      const r = spawnSync(process.execPath, [join(ROOT, 'bin/regcfg.cjs'), 'render', file, '--surface', surface, '--registry', registry, '--format', 'json'], { cwd: ROOT, env, encoding: 'utf8' })
      command.push(performance.now() - t0)
      if (r.status === 2 || !r.stdout) throw new Error(`${surface} ${ex}: ${r.stderr}`)
      const out = JSON.parse(r.stdout)
      render.push(out.renderMs)
      for (const t of out.tools) toolVersions[t.tool] = t.version
    }
    rows.push({ surface, example: ex, rounds, renderMs: Math.round(median(render)), commandMs: Math.round(median(command)) })
    process.stderr.write(`${surface.padEnd(10)} ${ex.padEnd(18)} render ${String(rows.at(-1).renderMs).padStart(5)} ms   command ${String(rows.at(-1).commandMs).padStart(5)} ms\n`)
  }
}
saveSection('render', { date: new Date().toISOString().slice(0, 10), rounds, load: await loadSnapshot(), tools: toolVersions, rows })
if (args.includes('--json')) process.stdout.write(JSON.stringify(rows, null, 1) + '\n')
else {
  console.log(`| surface | example | render (median of ${rounds}) | whole command |`)
  console.log('|---|---|---:|---:|')
  for (const r of rows) console.log(`| ${r.surface} | ${r.example} | ${r.renderMs} ms | ${r.commandMs} ms |`)
  for (const s of surfaces) console.log(`| ${s} | all (median) | ${median(rows.filter((r) => r.surface === s).map((r) => r.renderMs))} ms | ${median(rows.filter((r) => r.surface === s).map((r) => r.commandMs))} ms |`)
}
