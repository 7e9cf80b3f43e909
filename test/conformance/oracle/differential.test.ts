/**
 * The differential property test (issue 16): random scope documents in the one Mongo both servers read,
 * random Bearer tokens (groups, and sometimes a `scope` claim) from the one mock IdP, random MCP requests
 * (server path, transport endpoint, JSON-RPC method and tool) — each request to regcfg's /validate
 * (in-process) and to the registry's own auth-server (its Python server from the checkout, the oracle),
 * both started from the same container environment (conformance/oracle/pair.ts). Every answer must be the
 * same: status, `detail`, WWW-Authenticate, Connection, the identity headers and the internal tokens'
 * claims (observe.ts normAnswer), unless a row of conformance/oracle/deviations.yaml (scenario
 * `differential:*`) covers the difference.
 *
 * Runs: examples/keycloak.yaml 60 and examples/pingfederate.yaml 30 worlds of REQUESTS requests each (their
 * URLs are settings), and 40 each for the providers with fixed hosts, examples/{entra,cognito,okta,auth0}.yaml
 * (both servers keep the real URLs; the mock answers under those names, pair.ts `named`). REGCFG_DIFF_RUNS
 * for all; REGCFG_DIFF_SPEC for one spec only. The registry's server answers ~140 /validate a second here, so
 * ~2000 requests to each server, ~60 s on a busy machine. fast-check prints the seed and path of a failure;
 * REGCFG_DIFF_SEED replays one (REGCFG_DIFF_SHRINK=1 to shrink it).
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMongo, type MongoServer } from '../../../conformance/harness/mongo.js'
import { defaultRegistryDir, registryAuthServerMissing, startRegistryAuthServer, type RegistryAuthServer } from '../../../conformance/harness/registry-auth-server.js'
import { flatten, mcpHeaders, normAnswer } from '../../../conformance/observe.js'
import { covers, loadDeviations } from '../../../conformance/oracle/deviations.js'
import { pairEnv, type PairEnv } from '../../../conformance/oracle/pair.js'
import type { Json } from '../../../conformance/types.js'
import { loadRuntimeConfig } from '../../../src/runtime/config.js'
import type { ScopeDoc } from '../../../src/runtime/scopes/types.js'
import { startAuthServer, type AuthServer } from '../../../src/runtime/server.js'

const registry = defaultRegistryDir()
const missing = registryAuthServerMissing(registry)
const REQUESTS = 8
/** The specs both servers run and how many worlds each. */
const runs = (n: number) => Number(process.env.REGCFG_DIFF_RUNS ?? n)
const SPECS: { file: string; runs: number }[] = process.env.REGCFG_DIFF_SPEC
  ? [{ file: process.env.REGCFG_DIFF_SPEC, runs: runs(60) }]
  : [
      { file: 'examples/keycloak.yaml', runs: runs(60) },
      { file: 'examples/pingfederate.yaml', runs: runs(30) },
      ...['entra', 'cognito', 'okta', 'auth0'].map((p) => ({ file: `examples/${p}.yaml`, runs: runs(40) })),
    ]
const REGISTRY_URL = 'https://registry.example.com'

// ── the worlds ───────────────────────────────────────────────────────────────────────────────────
// Names come from small pools so that rules, tokens and requests meet; group and scope names get a
// per-world prefix (the servers' caches then never hold another world's answer).

const GROUPS = ['admins', 'users', 'finance', '/nested/grp', 'Mixed.Case']
const SERVERS = ['currenttime', 'fininfo', 'peer-a/fininfo', 'mcp', 'sse', 'api', 'api/servers', 'oauth2', 'validate', 'x.y_z']
const RULE_SERVERS = [...SERVERS, '*', '/currenttime', 'fininfo/', '/peer-a/fininfo/', '/*']
const ENDPOINTS = ['', '/mcp', '/sse', '/messages', '/', '/mcp/']
const METHODS = ['initialize', 'tools/list', 'tools/call', 'resources/read', 'notifications/initialized', 'prompts/get', 'all', '*', 'mcp']
const TOOLS = ['current_time_by_timezone', 'get_price', '*', 'all', 'tools/list', 'initialize']

interface RuleGen { server: string; methods: string[]; tools?: string[] | '*' }
interface DocGen { name: number; groups: string[]; access: { grouped: boolean; rules: RuleGen[] }[] }
/** A JSON-RPC message; `batch` sends it as a batch of one, `noMethod` without its method (params.name only). */
interface BodyGen { method: string; tool?: string; noParams: boolean; shape: 'message' | 'batch' | 'noMethod' }
interface RequestGen { groups: string[]; scopeClaim?: number[]; server: string; endpoint: string; body?: BodyGen }

const sub = <T>(xs: readonly T[], max = xs.length) => fc.subarray([...xs], { maxLength: max })
const rule: fc.Arbitrary<RuleGen> = fc.record({
  server: fc.constantFrom(...RULE_SERVERS),
  methods: sub(METHODS, 4),
  tools: fc.option(fc.oneof(sub(TOOLS, 3), fc.constant('*' as const)), { nil: undefined }),
}, { requiredKeys: ['server', 'methods'] })
const doc: fc.Arbitrary<DocGen> = fc.record({
  name: fc.nat({ max: 5 }),
  groups: sub(GROUPS, 3),
  access: fc.array(fc.record({ grouped: fc.boolean(), rules: fc.array(rule, { minLength: 1, maxLength: 3 }) }), { maxLength: 3 }),
})
const request: fc.Arbitrary<RequestGen> = fc.record({
  groups: sub(GROUPS, 3),
  scopeClaim: fc.option(fc.array(fc.nat({ max: 6 }), { maxLength: 3 }), { nil: undefined }),
  server: fc.constantFrom(...SERVERS),
  endpoint: fc.constantFrom(...ENDPOINTS),
  body: fc.option(fc.record({
    method: fc.constantFrom(...METHODS),
    tool: fc.option(fc.constantFrom(...TOOLS, 'no_such_tool'), { nil: undefined }),
    noParams: fc.boolean(),
    shape: fc.oneof({ weight: 8, arbitrary: fc.constant('message' as const) }, { weight: 1, arbitrary: fc.constant('batch' as const) }, { weight: 1, arbitrary: fc.constant('noMethod' as const) }),
  }, { requiredKeys: ['method', 'noParams', 'shape'] }), { nil: undefined }),
}, { requiredKeys: ['groups', 'server', 'endpoint'] })
const world = fc.record({ docs: fc.uniqueArray(doc, { selector: (d) => d.name, maxLength: 4 }), requests: fc.array(request, { minLength: REQUESTS, maxLength: REQUESTS }) })

/** The documents as the registry stores them (the shapes its _flatten_server_access reads). */
function docsOf(w: { docs: DocGen[] }, prefix: string): ScopeDoc[] {
  const ruleDoc = (r: RuleGen) => ({ server: r.server, methods: r.methods, ...(r.tools !== undefined ? { tools: r.tools } : {}) })
  return w.docs.map((d) => ({
    _id: `${prefix}scope-${d.name}`,
    group_mappings: d.groups.map((g) => prefix + g),
    server_access: d.access.map((a) => (a.grouped ? { scope_name: `${prefix}scope-${d.name}`, access_rules: a.rules.map(ruleDoc) } : ruleDoc(a.rules[0]!))),
  }))
}

function bodyOf(b: BodyGen): string {
  const params = b.noParams ? {} : { params: b.tool !== undefined ? { name: b.tool, arguments: {} } : {} }
  const message = b.shape === 'noMethod' ? { jsonrpc: '2.0', id: 1, ...params } : { jsonrpc: '2.0', id: 1, method: b.method, ...params }
  return JSON.stringify(b.shape === 'batch' ? [message] : message)
}

/**
 * The deviation table's name for a request (deviations.ts DIFFERENTIAL_SCENARIOS): rows may cover one body
 * shape, or the requests whose token carries groups.
 */
const scenarioOf = (r: RequestGen): string =>
  r.body?.shape === 'batch' ? 'differential:batch' : r.body?.shape === 'noMethod' ? 'differential:no-method' : r.groups.length > 0 ? 'differential:groups' : 'differential'

// ── the two servers ──────────────────────────────────────────────────────────────────────────────

for (const { file: SPEC, runs: RUNS } of SPECS) describe.skipIf(missing !== undefined)(`/validate on ${SPEC}: regcfg against the registry's auth-server on random worlds${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let mongo: MongoServer
  let pair: PairEnv
  let ours: AuthServer
  let theirs: RegistryAuthServer
  beforeAll(async () => {
    mongo = await startMongo({ log: () => {} })
    pair = await pairEnv({ specFile: SPEC, surface: 'terraform', mongoUri: mongo.uri, database: `regcfg_differential_${process.pid}_${SPECS.findIndex((x) => x.file === SPEC)}` })
    // a provider with fixed hosts: both keep the real URLs, each reaching the mock its own way (pair.ts named)
    const named = pair.named
    ours = await startAuthServer(loadRuntimeConfig(pair.env), { port: 0, logSink: () => {}, ...(named ? { idpFetch: named.idpFetch } : {}) })
    theirs = await startRegistryAuthServer({ registryDir: registry, env: pair.env, ...(named ? { extraEnv: named.processEnv, files: named.files } : {}), ...(process.env.REGCFG_ORACLE_LOG ? { log: (l: string) => console.log(l) } : {}) })
  }, 180_000)
  afterAll(async () => {
    await theirs?.stop()
    await ours?.close()
    await pair?.stop()
    await mongo?.stop()
  })

  it(`answers every request as the registry's server does (${RUNS} worlds × ${REQUESTS} requests)`, async () => {
    const rows = loadDeviations()
    const store = pair.scopes()
    const hop = { upstream: 'http://currenttime.mcp.internal:8000/', ...(pair.env.AUTH_SERVER_NGINX_MARKER_SECRET ? { marker: pair.env.AUTH_SERVER_NGINX_MARKER_SECRET } : {}) }
    const keys = pair.env.SECRET_KEY ? { secretKey: pair.env.SECRET_KEY } : {}
    let n = 0
    let asked = 0
    let allowed = 0
    const covered = new Map<string, number>()
    try {
      await fc.assert(
        fc.asyncProperty(world, async (w) => {
          const prefix = `w${++n}-`
          await store.seed(docsOf(w, prefix))
          for (const r of w.requests) {
            const scope = r.scopeClaim?.map((i) => (i < 6 ? `${prefix}scope-${i}` : 'openid')).join(' ')
            const token = await pair.idp.signToken({ ...pair.claims(r.groups.map((g) => prefix + g)), ...(scope !== undefined ? { scope } : {}) })
            const server = `${r.server}${r.endpoint}`
            const headers: Record<string, string> = { ...mcpHeaders(REGISTRY_URL, server, r.body?.method ?? 'initialize', r.body?.tool, hop), authorization: `Bearer ${token}` }
            // mcpHeaders puts <server>/mcp in the URL; the world's endpoint replaces it, and no body means no X-Body
            headers['x-original-url'] = `${REGISTRY_URL}/${server}`
            headers['x-original-uri'] = `/${server}`
            if (!r.body) delete headers['x-body']
            else headers['x-body'] = bodyOf(r.body)
            const [a, b] = await Promise.all([
              fetch(`${theirs.url}/validate`, { headers }).then((res) => normAnswer(res, keys)),
              fetch(`${ours.url}/validate`, { headers }).then((res) => normAnswer(res, keys)),
            ])
            asked++
            if (b.status === 200) allowed++
            const fa = flatten(a as Json)
            const fb = flatten(b as Json)
            const uncovered: string[] = []
            const used = new Set<string>()
            for (const k of new Set([...fa.keys(), ...fb.keys()])) {
              if (fa.get(k) === fb.get(k)) continue
              const row = rows.find((x) => covers(x, { scenario: scenarioOf(r), provider: pair.provider, kind: 'field', key: k }))
              if (row) used.add(row.id)
              else uncovered.push(`${k}: registry ${fa.get(k) ?? '(absent)'} ≠ regcfg ${fb.get(k) ?? '(absent)'}`)
            }
            for (const id of used) covered.set(id, (covered.get(id) ?? 0) + 1)
            if (uncovered.length > 0) {
              throw new Error(`request ${JSON.stringify({ ...r, groups: r.groups, scope, url: headers['x-original-url'], body: headers['x-body'] ?? null })}\nscope documents ${JSON.stringify(docsOf(w, prefix))}\n${uncovered.join('\n')}`)
            }
          }
        }),
        { numRuns: RUNS, ...(process.env.REGCFG_DIFF_SEED ? { seed: Number(process.env.REGCFG_DIFF_SEED) } : {}), endOnFailure: !process.env.REGCFG_DIFF_SHRINK },
      )
    } finally {
      await store.close()
    }
    console.log(`differential: ${asked} requests to each server (${allowed} allowed), ${n} worlds; requests a deviation row explained: ${[...covered].map(([k, v]) => `${k} ×${v}`).join(', ') || 'none'}`)
    // the worlds must reach both decisions, or the property says little
    expect(allowed).toBeGreaterThan(asked / 20)
    expect(asked - allowed).toBeGreaterThan(asked / 20)
  }, 600_000)
})
