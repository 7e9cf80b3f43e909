/**
 * Spec → every surface's files (written to a temp folder for inspection) → each surface's container
 * environment, derived from ITS OWN files by the runtime's containerEnv → RuntimeConfig → a running
 * auth-server. Two substitutions are the harness's and the same for every surface: storage (one Mongo,
 * one namespace per surface) and the provider host (the mock IdP; see providers.ts).
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { analyze, hasErrors, type Analysis } from '../src/compiler/index.js'
import { emitSurfaces } from '../src/surfaces/emit.js'
import { parameterMap } from '../src/compiler/map.js'
import { isSecretRef, type CanonicalParams, type ParameterId, type SecretRef, type Surface } from '../src/compiler/types.js'
import { loadRuntimeConfig, type RuntimeConfig, type StorageConfig } from '../src/runtime/config.js'
import { containerEnv } from '../src/runtime/container-env.js'
import { startAuthServer, type AuthServer } from '../src/runtime/server.js'
import type { ScopeDoc } from '../src/runtime/scopes/types.js'
import { targetFor } from '../targets/index.js'
import type { RenderResult } from '../targets/_render/types.js'
import { ConfigError } from '../src/errors.js'

export type SurfaceFiles = Record<string, string>

export interface CompiledSpec {
  analysis: Analysis
  /** Test-only secret values, generated per run, by parameter id. */
  secrets: Map<ParameterId, string>
  /** The process environment a deployment would have (the secrets under their reference names). */
  processEnv: Record<string, string>
  files: Map<Surface, SurfaceFiles>
  dir: string
}

export class SpecError extends Error {}

function secretSource(ref: SecretRef, id: string): string {
  if ('env' in ref) return ref.env
  return parameterMap().parameters.find((p) => p.id === id)?.surfaces.env.name ?? id
}

/** Compiles the spec to the surfaces with fresh test secrets; `mutate` breaks a surface on purpose. */
export function compileSpec(file: string, text: string, surfaces: readonly Surface[], mutate?: (s: Surface, f: SurfaceFiles) => SurfaceFiles): CompiledSpec {
  const analysis = analyze(file, text)
  if (hasErrors(analysis.diagnostics)) throw new SpecError(analysis.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'))
  const secrets = new Map<ParameterId, string>()
  const processEnv: Record<string, string> = {}
  for (const [id, v] of analysis.params!) {
    if (!isSecretRef(v) || 'value' in v) continue
    const value = `conformance-${randomBytes(24).toString('hex')}`
    secrets.set(id, value)
    processEnv[secretSource(v, id)] = value
  }
  const envSecretName = analysis.resolved!.spec.deploy?.helm?.envSecretName ?? 'auth-server-env'
  const results = emitSurfaces(analysis, surfaces, { secrets, writeSecrets: false, envSecretName, specName: file })
  const dir = mkdtempSync(join(tmpdir(), 'regcfg-conformance-'))
  const files = new Map<Surface, SurfaceFiles>()
  for (const [s, r] of results) {
    const errors = r.diagnostics.filter((d) => d.severity === 'error')
    if (errors.length > 0) throw new SpecError(`${s}: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`)
    const own = Object.fromEntries(r.files.map((f) => [f.path, f.content]))
    files.set(s, mutate ? mutate(s, own) : own)
    mkdirSync(join(dir, s), { recursive: true })
    for (const [path, content] of Object.entries(files.get(s)!)) writeFileSync(join(dir, s, path), content, { mode: 0o600 })
  }
  return { analysis, secrets, processEnv, files, dir }
}

export interface PreparedSurface {
  surface: Surface
  files: SurfaceFiles
  /** The container environment derived from the files (names only are ever printed). */
  env: Record<string, string>
  /** The real render, when the run has a registry checkout (else the env is regcfg's own model). */
  render?: RenderResult
  /**
   * Variables whose value the deployment makes itself on this surface (the render's placeholders, or
   * the model's `generated`): they get a test value here, and no scenario asks the user for them.
   */
  generated: string[]
  config?: RuntimeConfig
  /** Why the surface cannot start: render or containerEnv problems, then RuntimeConfig problems. */
  problems: string[]
}

export interface PrepareOptions {
  /** A registry checkout: the environment is the real render of its deployment files (else the model). */
  registryDir?: string
  /**
   * Values the deployment's identity provider generates (Keycloak's client secret, which the stack's
   * keycloak-configure Job writes into keycloak-client-secret): the mock IdP stands in for that
   * provider, so a placeholder for one of these variables gets the mock's value.
   */
  idpGenerated?: Readonly<Record<string, string>>
  /** The spec's parameters: what the surface's tool also gets from the environment (the target's toolEnv: Terraform's TF_VAR_). */
  params?: CanonicalParams
}

/**
 * Surface files + process environment → container env → RuntimeConfig (or the problems). With a
 * registry checkout the env is what the surface's real tool gives the auth-server container, else
 * regcfg's model of it. A value only a real deployment has (a random_password, a Secret a hook Job
 * writes) is the renderer's named placeholder or the model's `generated` entry, and gets a test value
 * here (the mock IdP's for what the IdP generates), the same way for every server started from it.
 */
export async function prepare(surface: Surface, files: SurfaceFiles, processEnv: Record<string, string>, o: PrepareOptions = {}): Promise<PreparedSurface> {
  const derived = o.registryDir ? await rendered(surface, files, deploymentEnv(surface, processEnv, o), o.registryDir) : await modelled(surface, files, processEnv)
  const env = { ...derived.env }
  for (const [k, what] of Object.entries(derived.generated)) env[k] = o.idpGenerated?.[k] ?? placeholderValue(k, what)
  const base = { surface, files, env, generated: Object.keys(derived.generated), ...(derived.render ? { render: derived.render } : {}) }
  if (derived.problems.length > 0) return { ...base, problems: derived.problems }
  try {
    return { ...base, config: loadRuntimeConfig(env), problems: [] }
  } catch (e) {
    if (e instanceof ConfigError) return { ...base, problems: e.problems }
    throw e
  }
}

/**
 * The environment the surface's tool runs in (the target's toolEnv: on Terraform the secrets also as
 * the TF_VAR_ variables terraform.tfvars tells the user to export). Derived from processEnv each time, so a secret a
 * scenario removes from it is gone from both.
 */
function deploymentEnv(surface: Surface, processEnv: Record<string, string>, o: PrepareOptions): Readonly<Record<string, string | undefined>> {
  return (o.params ? targetFor(surface).toolEnv?.(processEnv, o.params) : undefined) ?? processEnv
}

interface Derived {
  env: Record<string, string>
  /** Made by the deployment: name → what makes it. */
  generated: Record<string, string>
  render?: RenderResult
  problems: string[]
}

async function modelled(surface: Surface, files: SurfaceFiles, processEnv: Record<string, string>): Promise<Derived> {
  const readFile = (p: string) => {
    throw new Error(`conformance: file references are not supported (${p})`)
  }
  const r = await containerEnv(surface, files, { processEnv, readFile })
  return { env: r.env, generated: r.generated, problems: [...r.problems, ...podEnvProblems(surface, files)] }
}

export class RenderUnavailable extends Error {
  override name = 'RenderUnavailable'
}

async function rendered(surface: Surface, files: SurfaceFiles, processEnv: Readonly<Record<string, string | undefined>>, registryDir: string): Promise<Derived> {
  const render = targetFor(surface).render
  if (!render) throw new RenderUnavailable(`${surface}: no renderer for this surface yet`)
  const r = await render({ registryDir, files, processEnv })
  const container = r.containers['auth-server']
  const problems = r.problems.filter((d) => d.severity === 'error').map((d) => d.message)
  if (!container) problems.push(`${surface}: the render has no auth-server container`)
  const env: Record<string, string> = {}
  const generated: Record<string, string> = {}
  for (const [k, v] of Object.entries(container?.env ?? {})) {
    if (v.origin === 'placeholder') generated[k] = v.detail ?? v.value
    else env[k] = v.value
  }
  return { env, generated, render: r, problems }
}

/** A stable test value for a placeholder (a secret only the deployment has): the same within a run. */
const placeholderSeed = randomBytes(12).toString('hex')
function placeholderValue(name: string, what: string): string {
  return `conformance-${placeholderSeed}-${Buffer.from(`${name}:${what}`).toString('base64url').slice(0, 24)}`
}

/**
 * Helm: the pod's environment is the Secret only when values.yaml names it at the chart's path
 * (app.existingSecret; in the stack under auth-server:). Otherwise the chart renders its own Secret
 * and the script's entries never reach the container.
 */
export function podEnvProblems(surface: Surface, files: SurfaceFiles): string[] {
  // where the chart's auth-server looks for the Secret create-env-secret.sh creates
  const path = targetFor(surface).envSecretPath?.split('.')
  if (!path) return []
  const created = /kubectl create secret generic (\S+)/.exec(files['create-env-secret.sh'] ?? '')?.[1]
  let values: unknown
  try {
    values = parseYaml(files['values.yaml'] ?? '')
  } catch (e) {
    return [`values.yaml: ${(e as Error).message}`]
  }
  const named = path.reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined), values)
  if (created && named === created) return []
  return [`values.yaml: ${path.join('.')} is ${named === undefined ? 'not set' : `"${String(named)}"`}, so the auth-server pod does not get the Secret ${created ?? '(none)'} that create-env-secret.sh creates`]
}

export interface StartOutcome {
  started: boolean
  problems: string[]
  server?: AuthServer
}

export interface Harness {
  mongoUri: string
  database: string
  mockBase: string
  substitute(c: RuntimeConfig): { config: RuntimeConfig; idpBaseUrl?: string; idpFetch?: typeof fetch }
  scopes: ScopeDoc[]
  logSink?: (line: string) => void
}

export const storageFor = (h: Harness, surface: Surface): StorageConfig => ({
  backend: 'mongodb-ce', connectionString: h.mongoUri, port: 27017, database: h.database, namespace: `conformance_${surface.replace('-', '_')}`, useTls: false,
})

/** Starts the auth-server a prepared surface describes, on its own free port. */
export async function start(p: PreparedSurface, h: Harness): Promise<StartOutcome> {
  if (!p.config) return { started: false, problems: p.problems }
  const { config, idpBaseUrl, idpFetch } = h.substitute({ ...p.config, storage: storageFor(h, p.surface) })
  const server = await startAuthServer(config, { port: 0, logSink: h.logSink ?? (() => {}), ...(idpBaseUrl ? { idpBaseUrl } : {}), ...(idpFetch ? { idpFetch } : {}) })
  return { started: true, problems: [], server }
}
