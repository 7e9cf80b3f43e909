/**
 * The conformance runner: spec → every surface's files → an auth-server started from each surface's
 * own output (in this process, each on its own port) against ONE Mongo (a namespace per surface,
 * seeded like `regcfg db seed`) and ONE mock IdP shaped like the spec's provider → the same scenario
 * list on every surface → the verdict matrix.
 *
 * In-process servers, not `regcfg serve` children: the runner calls the same functions `serve --from`
 * calls (containerEnv → loadRuntimeConfig → startAuthServer), four servers start in milliseconds on
 * a 2-core machine, and the TCP connection count nginx makes is observable on the server object.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import { MongoClient } from 'mongodb'
import { callbackUrlOf, signOutUrlOf } from '../src/compiler/derive.js'
import { containerName, parameterById } from '../src/compiler/map.js'
import { SURFACES, type Surface } from '../src/compiler/types.js'
import { docFromSpec, specScopes } from '../src/runtime/scopes/from-spec.js'
import { mongoScopes } from '../src/runtime/scopes/store.js'
import { loadRuntimeConfig } from '../src/runtime/config.js'
import { launchChromium } from './chromium.js'
import { Visitor } from './client.js'
import { without } from './edit.js'
import { mcpHeaders, normAnswer } from './observe.js'
import { startMongo, type MongoServer } from './harness/mongo.js'
import { startNamedIdp, type NamedIdp } from './harness/named-idp.js'
import { startMockIdp, type MockIdp, type MockIdpOptions } from './harness/oidc.js'
import { IDP_ROUTES } from './oracle/env.js'
import { ADAPTERS, unsupported } from './providers.js'
import { SCENARIOS } from './scenarios/index.js'
import { SKIP } from './skip.js'
import { specFacts } from './spec-facts.js'
import { compileSpec, prepare, start, storageFor, type CompiledSpec, type Harness, type PreparedSurface, type PrepareOptions, type StartOutcome, type SurfaceFiles } from './surfaces.js'
import type { Cell, Scenario, SpecFacts, SurfaceRun } from './types.js'
import { decide, type Verdict } from './verdict.js'
import { runOracle, type OracleOptions, type OracleVerdict } from './oracle/run.js'

export interface RunOptions {
  surfaces?: readonly Surface[]
  scenarios?: readonly Scenario[]
  /** Breaks a surface's emitted files on purpose (mutation checks). */
  mutate?: (surface: Surface, files: SurfaceFiles) => SurfaceFiles
  skip?: Readonly<Record<string, string>>
  /** Also run every scenario on the registry's own auth-server from each surface's environment (oracle/). */
  oracle?: OracleOptions
  /** A Mongo shared by several runs; started (and stopped) by the run when absent. */
  mongo?: MongoServer
  log?: (line: string) => void
  /** A registry checkout: each surface's environment is the real render of its files (else regcfg's model). */
  registryDir?: string
}

export interface RunResult {
  verdict: Verdict
  spec: SpecFacts
  /** The substitutions this run made (identical for every surface). */
  notes: string[]
  /** Where the compiled surface files are (removed at the end unless REGCFG_CONFORMANCE_KEEP is set). */
  dir: string
  /** With `oracle`: the registry's server's column per surface and how it compares with regcfg's. */
  oracle?: OracleVerdict
}

export class UnsupportedProvider extends Error {}

/** Runs the suite on one spec file. Throws UnsupportedProvider when the provider cannot run yet. */
export async function runConformance(specFile: string, o: RunOptions = {}): Promise<RunResult> {
  const surfaces = [...(o.surfaces ?? SURFACES)]
  const compiled = compileSpec(specFile, readFileSync(specFile, 'utf8'), surfaces, o.mutate)
  const spec = specFacts(compiled)
  const why = unsupported(spec.provider)
  if (why) throw new UnsupportedProvider(`${specFile}: provider ${spec.provider} skipped: ${why}`)
  const stack = new Cleanup()
  try {
    const world = await startWorld(compiled, spec, o, stack)
    const prepared = await Promise.all(surfaces.map((s) => prepare(s, compiled.files.get(s)!, compiled.processEnv, world.prepareOptions)))
    world.notes.push(...prepared.map(envNote))
    await Promise.all(surfaces.map((s) => seed(world.harness, s)))
    const started = await Promise.all(prepared.map(async (p) => start(p, world.harness)))
    for (const s of started) if (s.server) stack.add(() => s.server!.close())
    const conns = started.map((s) => countConnections(s))
    const cells = await runAll(o.scenarios ?? SCENARIOS, prepared, started.map((s, i) => ({ ...s, connections: conns[i]! })), world, spec, o.skip ?? SKIP)
    const verdict = decide((o.scenarios ?? SCENARIOS).map((x) => x.id), surfaces, cells)
    const oracle = o.oracle ? await runOracle(o.oracle, { scenarios: o.scenarios ?? SCENARIOS, prepared, world, spec, skip: o.skip ?? SKIP, stack, regcfg: verdict }) : undefined
    if (oracle) world.notes.push(...oracle.notes)
    return { verdict, spec, notes: world.notes, dir: compiled.dir, ...(oracle ? { oracle } : {}) }
  } finally {
    await stack.run()
    if (!process.env.REGCFG_CONFORMANCE_KEEP) rmSync(compiled.dir, { recursive: true, force: true })
  }
}

function countConnections(s: StartOutcome): () => number {
  let n = 0
  s.server?.server.on('connection', () => void n++)
  return () => n
}

/** A started server as the scenarios see it: regcfg's in-process one, or another behind `url` with its own `restart`. */
export type Running = StartOutcome & { connections: () => number; url?: string; restart?: (files: SurfaceFiles, processEnv: Record<string, string>) => Promise<{ started: boolean; problems: string[] }> }

export class Cleanup {
  private fns: (() => Promise<void>)[] = []
  add(fn: () => Promise<void>): void {
    this.fns.unshift(fn)
  }
  async run(): Promise<void> {
    for (const fn of this.fns.splice(0)) await fn().catch(() => {})
  }
}

export interface World {
  chromium: () => Promise<import('playwright-core').Browser>
  processEnv: Record<string, string>
  idp: MockIdp
  harness: Harness
  notes: string[]
  /** The spec's parameters (what the adapter's Bearer claims may read: tenant, groups claim). */
  param: (id: string) => unknown
  /** How every surface's environment is derived in this run (the render on a checkout, or the model). */
  prepareOptions: PrepareOptions
  /** The mock under the provider's own https names (oracle runs of a provider with fixed hosts), else undefined. */
  named?: NamedIdp
}

/** The mock IdP's client secret under the container name of the provider's client-secret parameter. */
function idpGenerated(c: CompiledSpec, spec: SpecFacts): Record<string, string> {
  const id = ADAPTERS[spec.provider]!.clientParams.secret
  const p = parameterById(id)
  const name = p ? containerName(p) : undefined
  const value = c.secrets.get(id)
  return name && value ? { [name]: value } : {}
}

/** One line per surface: where its environment came from (and with what tool, what was substituted). */
function envNote(p: PreparedSurface): string {
  if (!p.render) return `${p.surface}: model (regcfg's own prediction of the container environment; give --registry DIR to render it)`
  const tools = p.render.tools.map((t) => t.version ? `${t.tool} ${t.version}` : t.tool)
  const subs = p.render.substitutions.map((x) => x.what)
  return `${p.surface}: rendered by ${[...new Set(tools)].join(', ') || 'the real tool'}${subs.length ? `; substituted: ${subs.join(', ')}` : ''}`
}

async function startWorld(c: CompiledSpec, spec: SpecFacts, o: RunOptions, stack: Cleanup): Promise<World> {
  const adapter = ADAPTERS[spec.provider]!
  const mongo = o.mongo ?? (await startMongo(o.log ? { log: o.log } : {}))
  if (!o.mongo) stack.add(() => mongo.stop())
  const param = (id: string) => c.analysis.params!.get(id)
  const mock = (extra: Partial<MockIdpOptions> = {}) => startMockIdp({
    shape: adapter.shape,
    clientId: spec.clientId,
    clientSecret: c.secrets.get(adapter.clientParams.secret)!,
    redirectUris: [callbackUrlOf(spec.externalUrl, spec.provider)],
    postLogoutRedirectUris: [signOutUrlOf(spec.registryUrl)],
    ...adapter.mockOptions(param),
    ...extra,
  })
  // The registry's server cannot be pointed at the mock where the provider's hosts are fixed in its code:
  // then both servers keep the real URLs and the mock answers under those names (harness/named-idp.ts).
  const fixed = o.oracle && !IDP_ROUTES[spec.provider] ? adapter.fixedOrigins?.(param) : undefined
  const { idp, named } = fixed ? await startNamedIdp(fixed, mock) : { idp: await mock(), named: undefined }
  stack.add(() => idp.stop())
  if (named) stack.add(() => named.stop())
  const database = `regcfg_conformance_${randomBytes(4).toString('hex')}`
  stack.add(() => dropDatabase(mongo.uri, database))
  const harness: Harness = {
    mongoUri: mongo.uri,
    database,
    mockBase: idp.baseUrl,
    substitute: (cfg) => (named ? { config: cfg, idpFetch: named.idpFetch } : adapter.substitute(cfg, idp)),
    scopes: specScopes(c.analysis.resolved!.spec).map(docFromSpec),
  }
  const notes = [`mongo: ${mongo.backend}, database ${database}, namespace conformance_<surface>`, `identity provider: mock ${adapter.shape} at <idp>; ${named ? named.note : adapter.note(param)}`, `registry origin ${new URL(spec.externalUrl).origin} → each surface's auth-server on 127.0.0.1`]
  const prepareOptions: PrepareOptions = { ...(o.registryDir ? { registryDir: o.registryDir } : {}), idpGenerated: idpGenerated(c, spec), params: c.analysis.params! }
  return { chromium: lazyChromium(stack), processEnv: c.processEnv, idp, harness, notes, param, prepareOptions, ...(named ? { named } : {}) }
}

function lazyChromium(stack: Cleanup): World['chromium'] {
  let browser: ReturnType<World['chromium']> | undefined
  return () => {
    if (!browser) {
      browser = launchChromium()
      stack.add(async () => (await browser!).close())
    }
    return browser
  }
}

async function dropDatabase(uri: string, database: string): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2_000 })
  try {
    await client.db(database).dropDatabase()
  } finally {
    await client.close()
  }
}

/** `regcfg db seed` into the surface's namespace: indexes, registry-admins, the spec's scopes. */
async function seed(h: Harness, s: Surface): Promise<void> {
  const store = mongoScopes(storageFor(h, s), 10_000)
  try {
    await store.seed(h.scopes)
  } finally {
    await store.close()
  }
}

/** One lock for the mock IdP's "next login" across surfaces running in parallel. */
function mutex() {
  let tail = Promise.resolve()
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn)
    tail = run.then(() => undefined, () => undefined)
    return run
  }
}

async function runAll(scenarios: readonly Scenario[], prepared: PreparedSurface[], started: Running[], w: World, spec: SpecFacts, skip: Readonly<Record<string, string>>): Promise<Map<string, Map<Surface, Cell>>> {
  const cells = new Map(scenarios.map((x) => [x.id, new Map<Surface, Cell>()]))
  const lock = mutex()
  await Promise.all(prepared.map(async (p, i) => {
    for (const sc of scenarios) cells.get(sc.id)!.set(p.surface, await runCell(sc, p, started[i]!, w, spec, skip, lock))
  }))
  return cells
}

export function mutexOf(): ReturnType<typeof mutex> {
  return mutex()
}

export async function runCell(sc: Scenario, p: PreparedSurface, st: Running, w: World, spec: SpecFacts, skip: Readonly<Record<string, string>>, lock: ReturnType<typeof mutex>): Promise<Cell> {
  if (sc.providers && !sc.providers.includes(spec.provider)) return { status: 'n/a', failures: [], reason: `only for ${sc.providers.join(', ')}` }
  const missing = sc.unavailable?.()
  if (missing) return { status: 'skip', failures: [], reason: missing }
  const skipped = skip[`${sc.id}/${p.surface}`]
  if (skipped) return { status: 'skip', failures: [], reason: skipped }
  if (sc.needsServer !== false && !st.server && !st.url) return { status: 'blocked', failures: [], reason: `the auth-server did not start: ${st.problems.join('; ')}` }
  const failures: string[] = []
  const t = surfaceRun(p, st, w, spec, failures, lock)
  const t0 = performance.now()
  try {
    const observation = await sc.run(t)
    return { status: failures.length ? 'fail' : 'pass', observation, failures, ms: Math.round(performance.now() - t0) }
  } catch (e) {
    return { status: 'fail', failures: [...failures, `threw: ${(e as Error).message}`] }
  }
}

const userIn = (groups: string[]) => ({ sub: `sub-${groups.join('+') || 'none'}`, username: 'alice', email: 'alice@example.com', groups })

function surfaceRun(p: PreparedSurface, st: Running, w: World, spec: SpecFacts, failures: string[], lock: ReturnType<typeof mutex>): SurfaceRun {
  const local = st.url ?? st.server?.url ?? 'http://127.0.0.1:0'
  const adapter = ADAPTERS[spec.provider]!
  const idpOrigins = w.named?.origins ?? {}
  const visitor = () => new Visitor(new URL(spec.externalUrl).origin, local, idpOrigins)
  const callbackPath = new URL(callbackUrlOf(spec.externalUrl, spec.provider)).pathname
  const leftAuth = (loc: string) => loc.startsWith(spec.registryUrl) && new URL(loc).pathname !== callbackPath
  return {
    surface: p.surface, spec, adapter, idp: w.idp, idpOrigins, prepared: p, running: st.server !== undefined || st.url !== undefined, local, visitor, processEnv: w.processEnv, connections: st.connections,
    runtimeNeeds: (name) => {
      try {
        return void loadRuntimeConfig(without(p.env, name)), false
      } catch {
        return true
      }
    },
    asUser: (groups, fn) => lock(async () => {
      w.idp.loginAs(userIn(groups))
      return fn()
    }),
    chromium: w.chromium,
    login: (groups, redirect = '/servers') => lock(async () => {
      w.idp.loginAs(userIn(groups))
      const v = visitor()
      const hops = await v.walk(`${spec.externalUrl}/oauth2/login/${spec.provider}?redirect_uri=${encodeURIComponent(redirect)}`, leftAuth)
      return Object.assign(v, { hops })
    }),
    bearer: (groups, claims = {}, opts = {}) => w.idp.signToken({ ...adapter.idClaims(groups, spec.clientId, 'bob', w.param), ...claims }, opts),
    validate: async (auth, server, method, tool) => {
      const hop = { upstream: `http://${server.split('/')[0]}.mcp.internal:8000/`, ...(p.env.AUTH_SERVER_NGINX_MARKER_SECRET ? { marker: p.env.AUTH_SERVER_NGINX_MARKER_SECRET } : {}) }
      const headers: Record<string, string> = { ...mcpHeaders(spec.registryUrl, server, method, tool, hop) }
      if (auth.cookie) headers.cookie = auth.cookie
      if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`
      return normAnswer(await fetch(`${local}/validate`, { headers }), p.env.SECRET_KEY ? { secretKey: p.env.SECRET_KEY } : {})
    },
    tryStart: async (files, processEnv) => {
      if (st.restart) return st.restart(files, processEnv)
      const outcome = await start(await prepare(p.surface, files, processEnv, w.prepareOptions), w.harness)
      await outcome.server?.close()
      return { started: outcome.started, problems: outcome.problems }
    },
    fail: (m) => void failures.push(m),
    check: (label, actual, expected) => {
      if (JSON.stringify(actual) !== JSON.stringify(expected)) failures.push(`${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
    },
  }
}
