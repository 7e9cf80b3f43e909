// The Terraform renderer's cost: one cold render (assembling terraform/aws-ecs with hcl2json +
// terraform init, in a fresh temp folder) and the median of N warm renders of each example (terraform
// console, plus plan -json when terraform has problems to report). Usage:
//   node bench/render-terraform.mjs [--registry DIR] [--rounds N] [--json]
// The renderer is TypeScript: esbuild bundles it (and the compiler) into a temp module first.
import { build } from 'esbuild'
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { median, ROOT } from './lib/util.mjs'

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : dflt
}
const registryDir = resolve(arg('registry', join(ROOT, '../shared/registry')))
const rounds = Number(arg('rounds', '7'))
const EXAMPLES = ['cognito', 'keycloak', 'entra', 'okta', 'auth0', 'pingfederate']

const work = mkdtempSync(join(tmpdir(), 'regcfg-bench-render-tf-'))
const entry = join(work, 'entry.ts')
writeFileSync(entry, `export { analyze } from ${JSON.stringify(join(ROOT, 'src/compiler/index.ts'))}\nexport { emitSurfaces } from ${JSON.stringify(join(ROOT, 'src/surfaces/emit.ts'))}\nexport { renderTerraform } from ${JSON.stringify(join(ROOT, 'targets/terraform/render.ts'))}\n`)
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: join(work, 'bundle.mjs'), external: ['@cdktf/hcl2json'], logLevel: 'warning', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } })
symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules')) // hcl2json (WASM) is loaded from the project's node_modules
const { analyze, emitSurfaces, renderTerraform } = await import(pathToFileURL(join(work, 'bundle.mjs')).href)

function filesOf(example) {
  const file = join(ROOT, 'examples', `${example}.yaml`)
  const a = analyze(file, readFileSync(file, 'utf8'))
  const r = emitSurfaces(a, ['terraform'], { secrets: new Map(), writeSecrets: false, envSecretName: 'x', specName: `${example}.yaml` }).get('terraform')
  return Object.fromEntries(r.files.map((f) => [f.path, f.content]))
}

// cold: a temp folder of its own, so the render cache is empty
const cacheTmp = mkdtempSync(join(tmpdir(), 'regcfg-bench-render-cache-'))
const savedTmp = process.env.TMPDIR
process.env.TMPDIR = cacheTmp
const t0 = performance.now()
const cold = await renderTerraform({ registryDir, files: filesOf('cognito'), processEnv: {} })
const coldMs = performance.now() - t0
const initMs = cold.tools.find((t) => t.argv[0] === 'init')?.ms

const results = { registryDir, terraform: cold.tools[0]?.version, rounds, cold: { ms: Math.round(coldMs), initMs }, examples: {} }
// as emitted (terraform reports the required variables regcfg does not write: console + plan), and
// with every required variable exported as TF_VAR_ (what a deployable render costs: console only)
const REQUIRED = { TF_VAR_keycloak_admin_password: 'bench', TF_VAR_keycloak_database_password: 'bench' }
for (const [variant, processEnv] of [['emitted', {}], ['complete', REQUIRED]]) {
  for (const ex of EXAMPLES) {
    const files = filesOf(ex)
    const runs = []
    let tools = []
    for (let i = 0; i < rounds; i++) {
      const s = performance.now()
      const r = await renderTerraform({ registryDir, files, processEnv })
      runs.push(performance.now() - s)
      tools = r.tools.map((t) => t.argv[0])
    }
    results.examples[`${ex} (${variant})`] = { medianMs: Math.round(median(runs)), minMs: Math.round(Math.min(...runs)), maxMs: Math.round(Math.max(...runs)), tools }
  }
}
process.env.TMPDIR = savedTmp
rmSync(cacheTmp, { recursive: true, force: true })
rmSync(work, { recursive: true, force: true })

if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 1))
else {
  console.log(`terraform render (${results.terraform}, ${registryDir})`)
  console.log(`  cold (assemble + init + render): ${results.cold.ms} ms (init ${initMs} ms)`)
  for (const [ex, r] of Object.entries(results.examples)) console.log(`  ${ex.padEnd(24)} median ${r.medianMs} ms  [${r.minMs}..${r.maxMs}] over ${rounds}  (${r.tools.join(' + ')})`)
}
