/**
 * The Docker Compose renderer: `docker-compose config --format json` (compose v2) on the registry
 * checkout's own docker-compose.yml with regcfg's emitted .env → each service's environment.
 *
 * Faithful to `docker compose up` run in the checkout: the project directory is the checkout (so
 * env_file: paths such as ./extra_env/auth-server.env resolve where the user's would), the .env is
 * passed with --env-file from a private temp folder (nothing is written into the checkout), and the
 * environment is clean (the caller's shell does not leak into the interpolation).
 *
 * Compose stops at the first unset `${VAR:?msg}`. Each one it names is reported (RC7003) and given a
 * named placeholder in a second --env-file, and compose runs again, until it renders. Values come
 * only from compose's output; the raw file (read with `yaml`) is consulted only to say where a
 * value came from (--explain) and which services need a required variable.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml'
import { diag } from '../../src/compiler/diagnostics.js'
import { parameterMap, readersOf } from '../../src/compiler/map.js'
import type { Diagnostic } from '../../src/compiler/types.js'
import { isSecretName } from '../_render/secrecy.js'
import { firstError, redact, RegistryCheckoutError, runTool, toolVersion } from '../_render/tools.js'
import type { RenderedContainer, RenderedVar, RenderInput, RenderResult, Substitution, ToolRun } from '../_render/types.js'

const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.override.yml']
const ENV_FILE = '.env'
/** The services whose environment the caller asks for by these canonical names. */
const CANONICAL: Record<string, string> = { 'auth-server': 'auth-server', registry: 'registry' }
/** Rounds of `${X:?}` refused with X empty, one per round; far more than any compose file has. */
const MAX_ROUNDS = 64

export const placeholderFor = (variable: string): string => `<placeholder:${variable}>`

/** One `environment:` entry as the raw compose file writes it. */
interface RawEntry {
  raw: string | null
  line: number
  col: number
}

interface RawService {
  env: Map<string, RawEntry>
  /** `${VAR:?msg}` / `${VAR?msg}` anywhere in the service, by variable: the expression and where. */
  required: Map<string, { expr: string; line: number; col: number }>
  envFiles: string[]
}

export interface ComposeModel {
  services: Map<string, RawService>
}

/** Reads the raw compose file(s): which variable each environment entry names, and with what expression. */
export function readComposeModel(texts: { file: string; text: string }[]): ComposeModel {
  const services = new Map<string, RawService>()
  for (const { text } of texts) {
    const lc = new LineCounter()
    const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false })
    const where = (n: Node | null | undefined) => lc.linePos(n?.range?.[0] ?? 0)
    const root = doc.get('services', true)
    if (!isMap(root)) continue
    for (const pair of root.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : undefined
      if (!name || !isMap(pair.value)) continue
      const svc: RawService = services.get(name) ?? { env: new Map(), required: new Map(), envFiles: [] }
      services.set(name, svc)
      const env = pair.value.get('environment', true)
      if (isSeq(env)) {
        for (const item of env.items) {
          if (!isScalar(item)) continue
          const s = String(item.value)
          const eq = s.indexOf('=')
          const pos = where(item)
          svc.env.set(eq === -1 ? s : s.slice(0, eq), { raw: eq === -1 ? null : s.slice(eq + 1), ...lineCol(pos) })
        }
      } else if (isMap(env)) {
        for (const p of env.items) {
          if (!isScalar(p.key)) continue
          const v = isScalar(p.value) ? p.value.value : null
          svc.env.set(String(p.key.value), { raw: v === null || v === undefined ? null : String(v), ...lineCol(where((p.value ?? p.key) as Node)) })
        }
      }
      const ef = pair.value.get('env_file', true) as unknown
      const efItems: unknown[] = isSeq(ef) ? ef.items : ef ? [ef] : []
      for (const it of efItems) {
        if (isScalar(it)) svc.envFiles.push(String(it.value))
        else if (isMap(it) && it.get('path') !== undefined) svc.envFiles.push(String(it.get('path')))
      }
      visit(pair.value, {
        Scalar(_, node) {
          if (typeof node.value !== 'string') return
          for (const m of node.value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?[^}]*\}/g)) {
            if (!svc.required.has(m[1]!)) svc.required.set(m[1]!, { expr: m[0], ...lineCol(where(node)) })
          }
        },
      })
    }
  }
  return { services }
}

const lineCol = (p: { line: number; col: number }) => ({ line: p.line, col: p.col })

/** `${NAME}`, `$NAME`, `${NAME:-x}`, `${NAME-x}`, `${NAME:?x}`, `${NAME:+x}`: the one variable it reads, and whether it has a fallback. */
function singleVariable(raw: string): { name: string; hasDefault: boolean } | undefined {
  const bare = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(raw)
  if (bare) return { name: bare[1]!, hasDefault: false }
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^]*))?\}$/.exec(raw)
  if (!m || (m[3] ?? '').includes('${')) return undefined
  return { name: m[1]!, hasDefault: m[2] === '-' || m[2] === ':-' }
}

const referenced = (raw: string): string[] => [...raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!)

/** Where a rendered value came from, judged from the raw entry and what the .env (compose's view) holds. */
function originOf(key: string, raw: RawEntry | undefined, value: string, dotenv: ReadonlyMap<string, string>, placeholders: ReadonlySet<string>, envFiles: string[]): Pick<RenderedVar, 'origin' | 'detail'> {
  if (!raw) return { origin: 'env-file', detail: envFiles.join(', ') || 'env_file' }
  if (raw.raw === null) return dotenv.get(key) === value ? { origin: 'regcfg', detail: `${ENV_FILE} ${key}` } : { origin: 'compose-file', detail: key }
  if (!raw.raw.includes('$')) return { origin: 'compose-file', detail: raw.raw }
  const one = singleVariable(raw.raw)
  if (one) {
    if (placeholders.has(one.name)) return { origin: 'placeholder', detail: `${one.name} (unset ${raw.raw})` }
    if (dotenv.has(one.name) && dotenv.get(one.name) === value) return { origin: 'regcfg', detail: `${ENV_FILE} ${one.name}` }
    return one.hasDefault ? { origin: 'compose-default', detail: raw.raw } : { origin: 'compose-file', detail: raw.raw }
  }
  const names = referenced(raw.raw)
  if (names.some((n) => placeholders.has(n))) return { origin: 'placeholder', detail: raw.raw }
  return names.some((n) => dotenv.has(n)) ? { origin: 'regcfg', detail: raw.raw } : { origin: 'compose-default', detail: raw.raw }
}

const REQUIRED = /required variable ([A-Za-z_][A-Za-z0-9_]*) is missing a value(?::\s*(.*))?/

type ComposeJson = { services?: Record<string, { environment?: Record<string, string | null> }> }

const envLines = (vars: Iterable<string>) => [...vars].map((k) => `${k}='${placeholderFor(k)}'`).join('\n') + '\n'

function parseEnvironment(stdout: string): Map<string, string> {
  const env = new Map<string, string>()
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=')
    if (eq > 0) env.set(line.slice(0, eq), line.slice(eq + 1))
  }
  return env
}

/**
 * 1. `config --variables` (no interpolation): compose's own list of required variables (with the
 *    raw file's `${X:?}`, see below).
 * 2. Each gets a named placeholder in an env file read BEFORE the .env, so the .env wins wherever it
 *    sets one; `config --format json` and `config --environment` run side by side.
 * 3. `config --environment` shows which required variables the .env left unset (they still hold the
 *    placeholder): each is a problem. A required variable the .env sets but compose still refuses
 *    (`${X:?}` with X empty) gets a placeholder read AFTER the .env, and compose runs again.
 */
export async function renderCompose(input: RenderInput): Promise<RenderResult> {
  // asked alongside the renders, not before them (a process start each)
  const version = toolVersion('docker-compose')
  const r = await composeRender(input, version)
  const v = await version
  for (const t of r.tools) t.version = v
  return r
}

async function composeRender(input: RenderInput, versionOf: Promise<string>): Promise<RenderResult> {
  const files = COMPOSE_FILES.map((f) => join(input.registryDir, f)).filter((f) => existsSync(f))
  if (!existsSync(join(input.registryDir, COMPOSE_FILES[0]!))) throw new RegistryCheckoutError(input.registryDir, COMPOSE_FILES[0]!)
  const model = readComposeModel(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })))
  const dotenvText = input.files[ENV_FILE] ?? ''
  const tmp = mkdtempSync(join(tmpdir(), 'regcfg-render-compose-'))
  const tools: ToolRun[] = []
  const problems: Diagnostic[] = []
  const run = async (argv: string[]) => {
    const out = await runTool('docker-compose', argv, { cwd: tmp, env: {} })
    tools.push(out.run)
    return out
  }
  const failed = async (stderr: string) => {
    problems.push(diag('RC7002', { file: files[0], surface: 'env' }, { tool: `docker-compose ${await versionOf}`, reason: redact(firstError(stderr), dotenvValues(dotenvText)), hint: 'Run the same `docker compose config` in the checkout to see the whole message; fix the .env (regcfg compile) or the checkout.' }))
    return { surface: 'env' as const, tools, containers: {}, substitutions: [], problems }
  }
  try {
    const envPath = join(tmp, ENV_FILE)
    const early = join(tmp, 'placeholders-unset.env')
    const late = join(tmp, 'placeholders-refused.env')
    writeFileSync(envPath, dotenvText, { mode: 0o600 })
    const project = [...files.flatMap((f) => ['-f', f]), '--project-directory', input.registryDir]
    const vars = await run([...project, '--env-file', envPath, 'config', '--variables', '--format', 'json'])
    if (vars.code !== 0) return failed(vars.stderr)
    // compose lists each variable once (its last use), so one also used as a plain ${X} can show as not
    // required: the raw file's ${X:?} / ${X?} are added
    const listed = Object.values(JSON.parse(vars.stdout) as Record<string, { Name: string; Required: boolean }>).filter((v) => v.Required).map((v) => v.Name)
    const required = [...new Set([...listed, ...[...model.services.values()].flatMap((svc) => [...svc.required.keys()])])].sort()
    writeFileSync(early, envLines(required), { mode: 0o600 })
    const refused = new Map<string, string>()
    let rendered: ComposeJson | undefined
    let environment = new Map<string, string>()
    for (let round = 0; round < MAX_ROUNDS && !rendered; round++) {
      const argv = [...project, '--env-file', early, '--env-file', envPath, ...(refused.size ? ['--env-file', late] : [])]
      const [json, env] = await Promise.all([run([...argv, 'config', '--format', 'json']), run([...argv, 'config', '--environment'])])
      if (json.code === 0) {
        rendered = JSON.parse(json.stdout) as ComposeJson
        environment = parseEnvironment(env.stdout)
        break
      }
      const req = REQUIRED.exec(json.stderr)
      if (!req || refused.has(req[1]!)) return failed(json.stderr)
      refused.set(req[1]!, req[2] ?? '')
      writeFileSync(late, envLines(refused.keys()), { mode: 0o600 })
    }
    if (!rendered) return failed('compose kept refusing')
    const unset = required.filter((v) => environment.get(v) === placeholderFor(v) && !refused.has(v))
    const placeholders = new Set([...unset, ...refused.keys()])
    const substitutions: Substitution[] = [...placeholders].sort().map((v) => ({ what: `${v}=${placeholderFor(v)}`, why: `docker compose refuses to render while the required ${v} is ${refused.has(v) ? 'empty' : 'unset'}; the placeholder lets the render go on` }))
    for (const v of [...placeholders].sort()) problems.push(requiredProblem(v, refused.get(v), model, files[0]!))
    // compose's view of the .env: its environment minus what the render put there (placeholders, PATH/HOME)
    const dotenv = new Map([...environment].filter(([k, v]) => !placeholders.has(k) && v !== placeholderFor(k) && !(k in SPAWN_ENV)))
    const containers = containersOf(rendered, model, dotenv, placeholders)
    problems.push(...defaultedProblems(containers, model, dotenv, files[0]!))
    problems.push(...composeDefaultedProblems(containers, model, dotenv, files[0]!))
    problems.push(...lostProblems(containers, model, dotenv, files[0]!))
    return { surface: 'env', tools, containers, substitutions, problems, workloads: Object.keys(rendered.services ?? {}).sort().map((s) => `service/${s}`) }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

/** What runTool gives every process besides the explicit env (not the .env's). */
const SPAWN_ENV: Record<string, true> = { PATH: true, HOME: true }

function dotenvValues(text: string): string[] {
  return text.split('\n').map((l) => l.slice(l.indexOf('=') + 1).replace(/^['"]|['"]$/g, '')).filter(Boolean)
}

function requiredProblem(variable: string, composeMessage: string | undefined, model: ComposeModel, file: string): Diagnostic {
  const needing = [...model.services].filter(([, s]) => s.required.has(variable))
  const at = needing[0]?.[1].required.get(variable)
  const message = composeMessage || (at ? /\?([^}]*)\}$/.exec(at.expr)?.[1] : undefined) || 'required variable is missing a value'
  return {
    ...diag('RC7003', { file, surface: 'env' }, { variable, state: composeMessage === undefined ? 'the .env does not set it' : 'the .env sets it empty', services: needing.map(([n]) => n).join(', ') || '?', expr: at?.expr ?? `\${${variable}:?}`, message }),
    ...(at ? { line: at.line, column: at.col } : {}),
  }
}

function containersOf(rendered: { services?: Record<string, { environment?: Record<string, string | null> }> }, model: ComposeModel, dotenv: ReadonlyMap<string, string>, placeholders: ReadonlySet<string>): Record<string, RenderedContainer> {
  const out: Record<string, RenderedContainer> = {}
  for (const [service, def] of Object.entries(rendered.services ?? {})) {
    const raw = model.services.get(service)
    const env: Record<string, RenderedVar> = {}
    for (const [k, v] of Object.entries(def.environment ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (v === null || v === undefined) continue
      const entry = raw?.env.get(k)
      const o = originOf(k, entry, v, dotenv, placeholders, raw?.envFiles ?? [])
      const isSecret = isSecretName(k) || (entry?.raw ? referenced(entry.raw).some(isSecretName) : false)
      env[k] = { value: v, ...o, ...(isSecret ? { secret: true } : {}) }
    }
    out[CANONICAL[service] ?? service] = { name: CANONICAL[service] ?? service, source: `service ${service}`, env }
  }
  return out
}

/** A value the .env sets that compose replaces with its own default (`${X:-d}` also replaces an empty value). */
function defaultedProblems(containers: Record<string, RenderedContainer>, model: ComposeModel, dotenv: ReadonlyMap<string, string>, file: string): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [service, raw] of model.services) {
    const c = containers[CANONICAL[service] ?? service]
    if (!c) continue
    for (const [k, entry] of raw.env) {
      const one = entry.raw ? singleVariable(entry.raw) : undefined
      const got = c.env[k]
      if (!one || !one.hasDefault || !got || !dotenv.has(one.name)) continue
      const given = dotenv.get(one.name)!
      if (given === got.value) continue
      const hint = given === ''
        ? `Compose's \`:-\` replaces an empty value too: give ${one.name} a real value, or leave it out only if "${got.value}" is right.`
        : `The service's value is not the .env's: check ${file}:${entry.line}.`
      out.push({ ...diag('RC7004', { file, surface: 'env' }, { variable: one.name, given, service, expr: entry.raw!, value: got.value, hint }), line: entry.line, column: entry.col })
    }
  }
  return out
}

/**
 * regcfg's parameters (of the .env's provider) that the .env leaves out, meaning "the auth-server's
 * own default / derive it", but that service auth-server gets from a compose `${X:-default}` instead,
 * with a value that is neither the parameter's documented default nor the compose default the map
 * records (a checkout whose docker-compose.yml differs from the one regcfg knows).
 */
function composeDefaultedProblems(containers: Record<string, RenderedContainer>, model: ComposeModel, dotenv: ReadonlyMap<string, string>, file: string): Diagnostic[] {
  const auth = containers['auth-server']
  const raw = model.services.get('auth-server')
  if (!auth || !raw) return []
  const provider = dotenv.get('AUTH_PROVIDER') ?? auth.env.AUTH_PROVIDER?.value
  const out: Diagnostic[] = []
  for (const p of parameterMap().parameters) {
    const name = p.surfaces.env.name
    if (!name || dotenv.has(name) || (p.provider && p.provider !== provider)) continue
    const entry = raw.env.get(name)
    const one = entry?.raw ? singleVariable(entry.raw) : undefined
    const got = auth.env[name]?.value
    // the map knows compose's own default (surfaces.env.default, docs/parameters.md): no surprise,
    // unless regcfg would derive the value (COGNITO_DOMAIN from the pool; compose's "auto" is not it)
    const known = (p.derive ? [p.default] : [p.default, p.surfaces.env.default]).filter((d) => d !== undefined).map(String)
    if (!entry || !one?.hasDefault || one.name !== name || !got || known.includes(got)) continue
    out.push({ ...diag('RC7008', { file, surface: 'env' }, { variable: name, param: p.id, service: 'auth-server', value: got, expr: entry.raw! }), line: entry.line, column: entry.col })
  }
  return out
}

/** regcfg's parameters that the .env sets for the auth-server (or for no service) but the auth-server service never receives. */
function lostProblems(containers: Record<string, RenderedContainer>, model: ComposeModel, dotenv: ReadonlyMap<string, string>, file: string): Diagnostic[] {
  const auth = containers['auth-server']
  if (!auth) return []
  const out: Diagnostic[] = []
  for (const p of parameterMap().parameters) {
    const name = p.surfaces.env.name
    if (!name || !dotenv.has(name) || auth.env[name]) continue
    const reads = (svc: RawService) => [...svc.env.values()].some((e) => e.raw && referenced(e.raw).includes(name))
    if (model.services.get('auth-server') && reads(model.services.get('auth-server')!)) continue
    const others = [...model.services].filter(([, svc]) => reads(svc)).map(([n]) => n)
    // a value for another service (Keycloak's admin password) that the map does not say the auth-server reads is not lost
    if (others.length > 0 && !readersOf(p).some((r) => r.container === 'auth-server')) continue
    out.push(diag('RC7005', { file, surface: 'env' }, { variable: name, service: 'auth-server', elsewhere: others.length ? `only ${others.join(', ')} read${others.length === 1 ? 's' : ''} it` : 'no service reads it' }))
  }
  return out
}
