import { basename, dirname, join } from 'node:path'
import { analyze, hasErrors } from '../../compiler/index.js'
import { SURFACES, type Surface } from '../../compiler/types.js'
import { containerEnv, docFromSpec, loadRuntimeConfig, specScopes, startAuthServer, type RuntimeConfig } from '../../runtime/index.js'
import type { ScopeDoc } from '../../runtime/scopes/types.js'
import { ExitStatus } from '../exit.js'
import { type Host } from '../host.js'
import { report, type Flags } from './_shared.js'
import { targetFor } from '../../../targets/index.js'
import { ConfigError, UserError } from '../../errors.js'

export const serveHelp = `regcfg serve [--from FILE --surface env|terraform|helm|helm-stack] [--spec SPEC] [--port N] [--host ADDR]
  Runs the auth-server (login, callback, logout, /validate) until SIGINT/SIGTERM.
  Configuration comes from the environment (the .env names), or with --from from a compiled surface
  file read as that surface's container would get it. --spec serves the spec's scopes from memory
  when no storage (MONGODB_CONNECTION_STRING / DOCUMENTDB_HOST) is configured.
  Exit 2 on a configuration problem (each one is listed).`

function tryRead(host: Host, path: string): string | undefined {
  try {
    return host.readText(path)
  } catch {
    return undefined
  }
}

/** The surface's files from the folder of FILE; FILE is read as the surface's main model file unless it is one of the others by name (values.yaml). */
function surfaceFiles(host: Host, file: string, surface: Surface): Record<string, string> {
  const names = targetFor(surface).modelFiles
  const files: Record<string, string> = {}
  for (const name of names) {
    const text = tryRead(host, join(dirname(file), name))
    if (text !== undefined) files[name] = text
  }
  const main = names[0]!
  if (!names.slice(1).includes(basename(file))) files[main] = host.readText(file)
  if (!files[main]) throw new UserError(`--surface ${surface} needs ${main} beside ${file}`)
  return files
}

/** RuntimeConfig from the process environment or from --from FILE --surface S. */
export async function runtimeConfigFrom(host: Host, flags: Flags, processEnv: NodeJS.ProcessEnv): Promise<RuntimeConfig> {
  const from = flags.from as string | undefined
  if (!from) return loadRuntimeConfig(processEnv)
  const surface = flags.surface as Surface
  if (!(SURFACES as readonly string[]).includes(surface)) throw new UserError(`--from needs --surface ${SURFACES.join('|')}`)
  const r = await containerEnv(surface, surfaceFiles(host, from, surface), { processEnv, readFile: (p) => host.readText(p) })
  if (r.problems.length > 0) throw new ConfigError(r.problems)
  try {
    return loadRuntimeConfig(r.env)
  } catch (e) {
    // a value the deployment makes itself on this surface is not in regcfg's files: say so
    const made = Object.entries(r.generated).filter(([k]) => r.env[k] === undefined)
    if (e instanceof ConfigError && made.length) throw new ConfigError([...e.problems, ...made.map(([k, what]) => `${k} is made by the deployment on ${surface} (${what}); export ${k} to serve locally`)])
    throw e
  }
}

function scopesOf(host: Host, spec: string | undefined, flags: Flags): ScopeDoc[] | ExitStatus {
  if (!spec) return []
  const text = host.readText(spec)
  const a = analyze(spec, text)
  if (hasErrors(a.diagnostics)) return (report(host, a.diagnostics, flags, new Map([[spec, text]])), ExitStatus.Findings)
  return specScopes(a.resolved!.spec).map(docFromSpec)
}

/**
 * Switches for benchmarks and operators (not deployment parameters): REGCFG_TOKEN_CACHE_MAX (verified tokens
 * held, 0 = off) and REGCFG_SCOPE_CACHE_TTL_MS (0 = ask the scope store on every request).
 */
export function cacheTuning(env: NodeJS.ProcessEnv): { tokenCache?: { maxEntries: number }; cache?: { ttlMs: number } } {
  const n = (name: string): number | undefined => {
    const v = env[name]
    if (v === undefined || v === '') return undefined
    if (!/^\d+$/.test(v)) throw new UserError(`${name} must be a whole number (got "${v}")`)
    return Number(v)
  }
  const max = n('REGCFG_TOKEN_CACHE_MAX')
  const ttl = n('REGCFG_SCOPE_CACHE_TTL_MS')
  return { ...(max !== undefined ? { tokenCache: { maxEntries: max } } : {}), ...(ttl !== undefined ? { cache: { ttlMs: ttl } } : {}) }
}

export async function runServe(host: Host, _args: string[], flags: Flags): Promise<ExitStatus> {
  let config: RuntimeConfig
  try {
    config = await runtimeConfigFrom(host, flags, process.env)
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    host.stderr(`regcfg serve: ${e.message}\n`)
    return ExitStatus.Usage
  }
  const docs = scopesOf(host, flags.spec as string | undefined, flags)
  if (!Array.isArray(docs)) return docs
  const port = flags.port === undefined ? 8888 : Number(flags.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port must be a port number (got "${String(flags.port)}")`)
  const server = await startAuthServer(config, { port, host: (flags.host as string | undefined) ?? '0.0.0.0', specScopes: docs, ...cacheTuning(process.env), ...(flags['idp-base-url'] ? { idpBaseUrl: String(flags['idp-base-url']) } : {}) })
  host.stderr(`regcfg serve: ${config.provider} auth-server on ${server.url} (scopes from ${config.storage ? 'storage' : `memory: ${docs.length} spec mapping(s) + registry-admins`})\n`)
  await new Promise<void>((resolve) => ['SIGINT', 'SIGTERM'].forEach((s) => process.once(s, () => resolve())))
  await server.close()
  return ExitStatus.Ok
}
