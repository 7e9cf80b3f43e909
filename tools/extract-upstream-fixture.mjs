// Regenerates test/fixtures/upstream-names.json from a registry checkout: every name the registry
// reads on each surface, so tests run on a clone without ../shared beside it.
// Usage: node tools/extract-upstream-fixture.mjs [path/to/registry]   (default ../shared/registry)
//
//   env        names in .env.example (active and commented-out assignments)
//   compose    per docker-compose.yml service: container variable → the .env variable it reads
//              (`${VAR}`, `${VAR:-default}`, `${VAR:?message}`) or a literal
//   terraform  declared root variables: type, sensitive, default
//   ecs        per ECS container of modules/mcp-gateway: container variable → the module expression
//   helm       per chart: leaf paths with a default in values.yaml, plus every path the templates read
import h2j from '@cdktf/hcl2json'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

const dir = process.argv[2] ?? '../shared/registry'
const read = (f) => readFileSync(join(dir, f), 'utf8')

// .env: active and commented-out assignments both count as names the registry reads.
const envNames = [...new Set([...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]))].sort()

// Compose: each service's environment, as the .env variable (and default) each container variable reads.
function composeEntry(value) {
  const text = String(value ?? '')
  const m = /^\$\{([A-Z_][A-Z0-9_]*)(?:(:?-)([^}]*)|(:?\?)([^}]*))?\}$/.exec(text)
  if (!m) return /\$\{/.test(text) ? { expr: text } : { literal: text }
  if (m[4]) return { from: m[1], required: true }
  return { from: m[1], ...(m[2] ? { default: m[3], ...(m[2] === '-' ? { unsetOnly: true } : {}) } : {}) }
}
const compose = parse(read('docker-compose.yml'))
const composeServices = Object.fromEntries(
  Object.entries(compose.services).map(([name, svc]) => {
    const env = svc.environment ?? {}
    const pairs = Array.isArray(env) ? env.map((e) => [String(e).split('=')[0], String(e).slice(String(e).indexOf('=') + 1)]) : Object.entries(env)
    return [name, Object.fromEntries(pairs.map(([k, v]) => [k, composeEntry(v)]))]
  }),
)

// Terraform: declared variables with their declared type, whether they are sensitive, their default.
const tf = await h2j.parse('variables.tf', read('terraform/aws-ecs/variables.tf'))
const tfVariables = Object.fromEntries(
  Object.entries(tf.variable)
    .map(([name, [decl]]) => [name, { type: String(decl.type ?? 'any').replace(/^\$\{(.*)\}$/, '$1'), sensitive: decl.sensitive === true, hasDefault: 'default' in decl, ...('default' in decl ? { default: decl.default } : {}) }])
    .sort(([a], [b]) => a.localeCompare(b)),
)

// ECS: the module's container definitions are HCL expressions (merge/concat of object lists); hcl2json
// gives each as text, in which every environment entry is `name = "X"` followed by `value[From] = expr`.
const mod = await h2j.parse('ecs-services.tf', read('terraform/aws-ecs/modules/mcp-gateway/ecs-services.tf'))
const rootMain = await h2j.parse('main.tf', read('terraform/aws-ecs/main.tf'))
const moduleInputs = Object.fromEntries(Object.entries(rootMain.module.mcp_gateway[0]).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))
const ecs = {}
for (const [name, [block]] of Object.entries(mod.module)) {
  const text = String(block.container_definitions ?? '')
  const vars = {}
  for (const m of text.matchAll(/name\s*=\s*"([A-Z][A-Z0-9_]*)"\s*,?\s*(value|valueFrom)\s*=\s*([^\n]+)/g)) {
    const expr = m[3].trim().replace(/,$/, '')
    vars[m[1]] ??= { [m[2] === 'valueFrom' ? 'secretFrom' : 'expr']: expr }
  }
  ecs[name.replace(/^ecs_service_/, '')] = vars
}

// Helm: leaf paths with a default in values.yaml, plus every path the templates read.
function leafPaths(v, prefix = '') {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return [prefix]
  const entries = Object.entries(v)
  if (entries.length === 0) return [prefix]
  return [prefix, ...entries.flatMap(([k, c]) => leafPaths(c, prefix ? `${prefix}.${k}` : k))].filter(Boolean)
}
function templateReads(chart) {
  const tdir = join(dir, 'charts', chart, 'templates')
  const text = readdirSync(tdir).map((f) => readFileSync(join(tdir, f), 'utf8')).join('\n')
  return [...text.matchAll(/\.Values\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/g)].map((m) => m[1])
}
const chart = (name) => [...new Set([...leafPaths(parse(read(`charts/${name}/values.yaml`), { merge: true })), ...templateReads(name)])].sort()

const fixture = {
  source: 'agentic-community/mcp-gateway-registry@8c5b834b (image 1.29.0), extracted by tools/extract-upstream-fixture.mjs',
  env: envNames,
  compose: composeServices,
  terraform: tfVariables,
  terraformModuleInputs: moduleInputs,
  ecs,
  helm: {
    'auth-server': chart('auth-server'),
    registry: chart('registry'),
    mcpgw: chart('mcpgw'),
    'mongodb-configure': chart('mongodb-configure'),
    'keycloak-configure': chart('keycloak-configure'),
    stack: chart('mcp-gateway-registry-stack'),
  },
}
writeFileSync('test/fixtures/upstream-names.json', JSON.stringify(fixture, null, 1) + '\n')
console.log(`env ${envNames.length}, compose ${Object.keys(composeServices).length} services, terraform ${Object.keys(tfVariables).length}, ecs ${Object.keys(ecs).length} containers, helm ${Object.values(fixture.helm).map((l) => l.length).join('/')}`)
