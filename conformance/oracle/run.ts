/**
 * `regcfg conformance --oracle`: the registry's own auth-server, started from each surface's container
 * environment (the same PreparedSurface regcfg's server starts from, storage and IdP substituted the
 * same way: env.ts), runs the same scenario list. Its column is then held against regcfg's, cell by
 * cell: a field that differs fails unless a row of the deviation table covers it (deviations.yaml,
 * rendered to docs/deviations.md). The registry's columns are also compared across surfaces the way
 * regcfg's are (verdict.ts `decide`): the question — do all surfaces behave the same for the
 * server users actually deploy — answered by the server itself.
 */
import type { Surface } from '../../src/compiler/types.js'
import { startRegistryAuthServer, type RegistryAuthServer } from '../harness/registry-auth-server.js'
import { countingProxy } from '../harness/tcp-count.js'
import { Cleanup, mutexOf, runCell, type Running, type World } from '../runner.js'
import { prepare, type PreparedSurface, type SurfaceFiles } from '../surfaces.js'
import type { Cell, Scenario, SpecFacts } from '../types.js'
import { flatten } from '../observe.js'
import { decide, type Difference, type Verdict } from '../verdict.js'
import { compareCells, type Comparison } from './compare.js'
import { covers, loadDeviations, type Deviation } from './deviations.js'
import { IDP_ROUTES, oracleEnv } from './env.js'

export interface OracleOptions {
  /** The registry checkout whose auth_server/ is started. */
  registryDir: string
  log?: (line: string) => void
}

export interface OracleVerdict {
  /** The registry's server's own matrix (its checks, and its surfaces compared with each other). */
  verdict: Verdict
  /** Every scenario × surface, regcfg's cell against the registry's. */
  comparisons: Comparison[]
  /** Why the oracle did not run at all for this spec (a provider it cannot reach yet), else undefined. */
  unavailable?: string
  notes: string[]
  ok: boolean
}

/** Scenarios that read regcfg's own configuration rather than ask a server; nothing to ask the registry's. */
export const NOT_ON_ORACLE: Readonly<Record<string, string>> = {
  'derived-urls': "reads regcfg's parsed configuration (activeProvider), not a server; the registry's URLs are what login-session, callback-url and logout observe",
}

export interface OracleRun {
  scenarios: readonly Scenario[]
  prepared: PreparedSurface[]
  world: World
  spec: SpecFacts
  skip: Readonly<Record<string, string>>
  stack: Cleanup
  regcfg: Verdict
}

export async function runOracle(o: OracleOptions, r: OracleRun): Promise<OracleVerdict> {
  const surfaces = r.prepared.map((p) => p.surface)
  const ids = r.scenarios.map((s) => s.id)
  const notes = [`oracle: the registry's auth-server from ${o.registryDir} on each surface's environment`]
  const route = IDP_ROUTES[r.spec.provider]?.note ?? r.world.named?.note
  if (!route) {
    const why = `the registry's ${r.spec.provider} provider has fixed https hosts and conformance/providers.ts gives no fixedOrigins for it`
    const cells = new Map(ids.map((id) => [id, new Map<Surface, Cell>(surfaces.map((s) => [s, { status: 'skip', failures: [], reason: why }]))]))
    return { verdict: decide(ids, surfaces, cells), comparisons: [], unavailable: why, notes: [...notes, `oracle: skipped: ${why}`], ok: true }
  }
  notes.push(`oracle identity provider: ${route}`)
  const start = (p: PreparedSurface) => startOne(o, r, p)
  const running = await Promise.all(r.prepared.map(start))
  const deviations = loadDeviations()
  const cells = new Map(ids.map((id) => [id, new Map<Surface, Cell>()]))
  // one lock for all surfaces: the mock IdP's next login is global (runner.ts runAll does the same)
  const lock = mutexOf()
  await Promise.all(r.prepared.map(async (p, i) => {
    for (const sc of r.scenarios) {
      const why = NOT_ON_ORACLE[sc.id]
      const cell: Cell = why ? { status: 'n/a', failures: [], reason: why } : await runCell(sc, p, running[i]!, r.world, r.spec, r.skip, lock)
      cells.get(sc.id)!.set(p.surface, cell)
    }
  }))
  const comparisons = ids.flatMap((id) => surfaces.map((s) => compareCells(id, s, r.spec.provider, r.regcfg.cells.get(id)!.get(s)!, cells.get(id)!.get(s)!, deviations)))
  const verdict = decide(ids, surfaces, cells)
  // A registry-side check failure that a deviation row explains is not a failure of the run.
  const explained = new Set(comparisons.filter((c) => c.status !== 'differs').map((c) => `${c.scenario}/${c.surface}`))
  const unexplained = verdict.differences.filter((d) => !deviationExplains(d, cells, comparisons, deviations, r.spec.provider))
  const failures = verdict.failures.filter((f) => !explained.has(`${f.scenario}/${f.surface}`) || unexplained.some((d) => d.scenario === f.scenario && d.surface === f.surface))
  const ok = failures.length === 0 && comparisons.every((c) => c.status !== 'differs')
  return { verdict: { ...verdict, failures, ok: failures.length === 0 }, comparisons, notes, ok }
}

/**
 * A difference between two of the registry's surfaces that a deviation row accounts for: every field
 * that differs is one the row covers, and the row applied to this scenario on one of the two surfaces
 * (regcfg differs from the registry there, documented). Example: on helm the user supplies Keycloak's
 * client secret and the registry's server starts without it (client-secret-at-start); in a stack that
 * deploys Keycloak the secret is generated, so secret-missing never removes it and the registry's two
 * columns differ by exactly that row's fields.
 */
function deviationExplains(d: Difference, cells: Map<string, Map<Surface, Cell>>, comparisons: readonly Comparison[], rows: readonly Deviation[], provider: string): boolean {
  const pair = [d.surface, d.reference[0]!]
  const used = new Set(comparisons.filter((c) => c.scenario === d.scenario && pair.includes(c.surface)).flatMap((c) => c.rows))
  const a = flatten(cells.get(d.scenario)!.get(pair[0]!)!.observation ?? null)
  const b = flatten(cells.get(d.scenario)!.get(pair[1]!)!.observation ?? null)
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k))
  return used.size > 0 && keys.every((key) => rows.some((r) => used.has(r.id) && covers(r, { scenario: d.scenario, provider, kind: 'field', key })))
}

/** The registry's server for one surface, behind a connection counter (what nginx-front checks). */
async function startOne(o: OracleOptions, r: OracleRun, p: PreparedSurface): Promise<Running> {
  const launch = async (prepared: PreparedSurface): Promise<{ server?: RegistryAuthServer; problems: string[] }> => {
    if (Object.keys(prepared.env).length === 0) return { problems: prepared.problems }
    const env = oracleEnv(r.spec.provider, prepared.env, { mongoUri: r.world.harness.mongoUri, database: r.world.harness.database, namespace: `conformance_${prepared.surface.replace('-', '_')}` }, { baseUrl: r.world.idp.baseUrl, ...(r.world.idp.internalUrl ? { internalUrl: r.world.idp.internalUrl } : {}) })
    try {
      const server = await startRegistryAuthServer({ registryDir: o.registryDir, env, ...(r.world.named ? { extraEnv: r.world.named.processEnv, files: r.world.named.files } : {}), ...(o.log ? { log: o.log } : {}) })
      return { server, problems: [] }
    } catch (e) {
      return { problems: [(e as Error).message] }
    }
  }
  const first = await launch(p)
  if (!first.server) return { started: false, problems: first.problems, connections: () => 0 }
  r.stack.add(() => first.server!.stop())
  const proxy = await countingProxy(new URL(first.server.url))
  r.stack.add(() => proxy.stop())
  return {
    started: true,
    problems: [],
    url: proxy.url,
    connections: () => proxy.connections,
    restart: async (files: SurfaceFiles, processEnv: Record<string, string>) => {
      const changed = await prepare(p.surface, files, processEnv, r.world.prepareOptions)
      const again = await launch(changed)
      await again.server?.stop()
      return { started: again.server !== undefined, problems: again.problems }
    },
  }
}
