/** The shapes the conformance runner, its scenarios and the verdict share. */
import type { Surface } from '../src/compiler/types.js'
import type { MockIdp } from './harness/oidc.js'
import type { ProviderAdapter } from './providers.js'
import type { Visitor } from './client.js'
import type { PreparedSurface, StartOutcome } from './surfaces.js'

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json }

/** What one scenario saw on one surface, normalised so that equal behaviour is equal JSON. */
export type Observation = { [k: string]: Json }

/** One access expectation of the spec (`expectations:`), or one of a scenario's own cases. */
export interface AccessCase {
  groups: string[]
  server: string
  method?: string
  tool?: string
  allow: boolean
}

/** What the spec says that the scenarios compare against (read from the spec, not from any surface). */
export interface SpecFacts {
  provider: string
  registryUrl: string
  externalUrl: string
  clientId: string
  cookieSecure: boolean
  /** The `{ env }` names of the secrets (what a deployment must supply). */
  secretNames: string[]
  expectations: AccessCase[]
  /** Groups that the spec's `scopes:` map, with one server/method/tool each group may call. */
  mappedGroups: { group: string; scope: string; server: string; method: string; tool?: string }[]
}

/** Everything a scenario may use on one surface. */
export interface SurfaceRun {
  surface: Surface
  spec: SpecFacts
  adapter: ProviderAdapter
  idp: MockIdp
  /** The provider's own origins the mock answers as in this run (public origin → its loopback base); empty when the servers use the mock's URLs. */
  idpOrigins: Readonly<Record<string, string>>
  prepared: PreparedSurface
  /** The deployment's process environment: the secrets under their reference names. */
  processEnv: Record<string, string>
  /** True when the runtime refuses to start without this container variable. */
  runtimeNeeds(envName: string): boolean
  /** False when the surface's auth-server did not start (only scenarios with needsServer: false run then). */
  running: boolean
  /** TCP connections the running auth-server has accepted so far. */
  connections(): number
  /** The running auth-server's own origin (http://127.0.0.1:PORT). */
  local: string
  /** A fresh browser whose requests to the registry origin reach this surface's auth-server. */
  visitor(): Visitor
  /** Runs fn while the mock IdP's next login is a user in `groups` (serialised across surfaces). */
  asUser<T>(groups: string[], fn: () => Promise<T>): Promise<T>
  /** The run's headless Chromium, launched on first use and closed at the end of the run. */
  chromium(): Promise<import('playwright-core').Browser>
  /** Logs in through the mock IdP as a user in `groups` (serialised across surfaces). */
  login(groups: string[], redirect?: string): Promise<Visitor & { hops: import('./client.js').Hop[] }>
  /** An ID token the mock IdP signs for a user in `groups` (for Bearer checks). */
  bearer(groups: string[], claims?: Record<string, unknown>, opts?: import('./harness/oidc.js').SignOptions): Promise<string>
  /** GET /validate as nginx asks it for one JSON-RPC call; status, identity headers, error code. */
  validate(auth: { cookie?: string; bearer?: string }, server: string, method: string, tool?: string): Promise<Observation>
  /** Starts (and stops) an auth-server from changed surface files; reports whether it started. */
  tryStart(files: Record<string, string>, processEnv: Record<string, string>): Promise<StartOutcome>
  /** Records a failed check: the scenario fails on this surface alone. */
  fail(message: string): void
  check(label: string, actual: unknown, expected: unknown): void
}

export interface Scenario {
  id: string
  title: string
  /** Providers it means something for (default: every provider). */
  providers?: string[]
  /** False for scenarios that start their own servers from changed files (default: needs the running one). */
  needsServer?: boolean
  /** Why the scenario cannot run on this machine (a missing browser), or undefined. */
  unavailable?(): string | undefined
  run(t: SurfaceRun): Promise<Observation>
}

export type CellStatus = 'pass' | 'fail' | 'diff' | 'skip' | 'n/a' | 'blocked'

export interface Cell {
  status: CellStatus
  observation?: Observation
  failures: string[]
  reason?: string
  /** How long the scenario took on this surface. */
  ms?: number
}
