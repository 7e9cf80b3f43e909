// Regenerates test/fixtures/upstream-names.json from ../shared/reference/upstream-files: every name
// the registry reads on each surface, so tests run on a clone without ../shared beside it.
// Usage: node tools/extract-upstream-fixture.mjs [path/to/upstream-files]
import h2j from '@cdktf/hcl2json'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

const dir = process.argv[2] ?? '../shared/reference/upstream-files'
const read = (f) => readFileSync(join(dir, f), 'utf8')

// .env: active and commented-out assignments both count as names the registry reads.
const envNames = [...new Set([...read('env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]))].sort()

// Terraform: declared variables with their declared type and whether they are sensitive.
const tf = await h2j.parse('variables.tf', read('terraform_aws-ecs_variables.tf'))
const tfVariables = Object.fromEntries(
  Object.entries(tf.variable).map(([name, [decl]]) => [name, { type: String(decl.type ?? 'any').replace(/^\$\{(.*)\}$/, '$1'), sensitive: decl.sensitive === true, hasDefault: 'default' in decl }]).sort(([a], [b]) => a.localeCompare(b)),
)

// Helm: leaf paths with a default in values.yaml, plus every path the templates read.
function leafPaths(v, prefix = '') {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return [prefix]
  const entries = Object.entries(v)
  if (entries.length === 0) return [prefix]
  return [prefix, ...entries.flatMap(([k, c]) => leafPaths(c, prefix ? `${prefix}.${k}` : k))].filter(Boolean)
}
const readList = (f) => read(f).split('\n').filter((l) => l && !l.startsWith('#'))
const chart = (values, readFile) => [...new Set([...leafPaths(parse(read(values), { merge: true })), ...readList(readFile)])].sort()

const fixture = {
  source: 'agentic-community/mcp-gateway-registry@8c5b834b (image 1.29.0), extracted by tools/extract-upstream-fixture.mjs',
  env: envNames,
  terraform: tfVariables,
  helm: {
    'auth-server': chart('charts_auth-server_values.yaml', 'helm-values-read_auth-server.txt'),
    registry: chart('charts_registry_values.yaml', 'helm-values-read_registry.txt'),
    stack: chart('charts_mcp-gateway-registry-stack_values.yaml', 'helm-values-read_mcp-gateway-registry-stack.txt'),
  },
}
writeFileSync('test/fixtures/upstream-names.json', JSON.stringify(fixture, null, 1) + '\n')
console.log(`env ${envNames.length}, terraform ${Object.keys(tfVariables).length}, helm ${Object.values(fixture.helm).map((l) => l.length).join('/')}`)
