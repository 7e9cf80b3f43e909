/**
 * The registry's own auth-server, started the way its image starts it (docker/Dockerfile.auth and
 * docker/auth-entrypoint.sh): `uvicorn server:app --port P --proxy-headers --forwarded-allow-ips=127.0.0.1,::1`
 * in the checkout's auth_server/ folder, with PYTHONPATH = that folder and the checkout root (the image
 * copies auth_server/ to /app and registry/ to /app/registry), from the venv that
 * tools/setup-test-services.sh installs from the checkout's uv.lock.
 *
 * The process gets the container environment it is given and nothing of this process's own, plus what
 * a container has that this machine does not: a writable place for the paths the image provides
 * (/app/logs, /var/log/containers/ai-registry, $HOME: a temp dir here, removed at stop) and
 * OTEL_SDK_DISABLED=true (no collector). The caller substitutes storage and the IdP in `env` first.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from './net.js'
import { containerEngineAnswers, startRegistryAuthImage } from './registry-auth-image.js'

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Where setup-test-services.sh puts the venv (REGCFG_REGISTRY_VENV overrides). */
export const registryVenv = (): string => process.env.REGCFG_REGISTRY_VENV ?? join(REPO_ROOT, '.tools', 'registry-auth-venv')

/** A registry checkout: --registry DIR, else REGCFG_REGISTRY, else ../shared/registry next to the repo root. */
export const defaultRegistryDir = (): string => process.env.REGCFG_REGISTRY ?? resolve(REPO_ROOT, '..', 'shared', 'registry')

/** Why the registry's auth-server cannot start here, or undefined when it can. */
export function registryAuthServerMissing(registryDir: string): string | undefined {
  if (!existsSync(join(registryDir, 'auth_server', 'server.py'))) return `no registry checkout at ${registryDir} (auth_server/server.py missing)`
  if (!existsSync(join(registryVenv(), 'bin', 'uvicorn'))) return `the registry's auth-server is not installed (${registryVenv()}): run tools/setup-test-services.sh ${registryDir}`
  return undefined
}

export interface RegistryAuthServerOptions {
  registryDir: string
  /** The container environment (storage and IdP already substituted). */
  env: Readonly<Record<string, string>>
  /** Extra variables of the test's own making (a proxy, a test CA bundle); never a secret. */
  extraEnv?: Readonly<Record<string, string>>
  /** Files of this machine the process reads by path (the test CA): the image's container gets each at the same path. */
  files?: readonly string[]
  /** Host to bind and to reach it on (default 127.0.0.1). */
  host?: string
  port?: number
  /** Every output line of the process (default: kept for the error message only). */
  log?: (line: string) => void
  /** How long to wait for /health (default 60 s: the import alone takes seconds on a busy machine). */
  readyTimeoutMs?: number
}

export interface RegistryAuthServer {
  url: string
  /** The server process (-1 for the image: it runs in the engine's namespace). */
  pid: number
  /** The last lines of its output, secrets masked. */
  tail(): string
  /** SIGTERM (uvicorn's graceful shutdown), SIGKILL after 5 s; removes the temp dir. Safe to call twice. */
  stop(): Promise<void>
}

export class RegistryAuthServerError extends Error {}

/** Names whose values never appear in an error message or log line that this harness prints. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|_KEY$|^SECRET_KEY$|CONNECTION_STRING/

/**
 * The registry's auth-server: from its published image where a container engine answers (and no
 * host is asked for), else from the checkout (registry-auth-image.ts says how the image runs).
 */
export async function startRegistryAuthServer(o: RegistryAuthServerOptions): Promise<RegistryAuthServer> {
  if (!o.host && (await containerEngineAnswers())) return startFromImage(o)
  return startFromCheckout(o)
}

async function startFromImage(o: RegistryAuthServerOptions): Promise<RegistryAuthServer> {
  const out = outputOf(o)
  let image
  try {
    image = await startRegistryAuthImage({ ...o.env, ...o.extraEnv, OTEL_SDK_DISABLED: 'true' }, o.files ?? [])
  } catch (e) {
    throw new RegistryAuthServerError(`the registry's auth-server image did not start: ${out.mask((e as Error).message)}`)
  }
  lineReader(image.output, out.onLine)
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await image.stop()
  }
  return ready({ url: image.url, pid: -1, tail: out.tail, stop }, o.readyTimeoutMs ?? 120_000, () => undefined, out)
}

/** A server's output lines: secrets masked, the last ones kept for error messages, each passed to o.log. */
function outputOf(o: RegistryAuthServerOptions) {
  const secrets = Object.entries(o.env).filter(([k, v]) => SECRET_NAME.test(k) && v.length >= 4).map(([, v]) => v)
  const mask = (line: string) => secrets.reduce((l, s) => l.split(s).join('<secret>'), line)
  const lines: string[] = []
  const onLine = (line: string) => {
    const masked = mask(line)
    lines.push(masked)
    if (lines.length > 200) lines.shift()
    o.log?.(masked)
  }
  return { mask, onLine, tail: () => lines.slice(-40).join('\n'), last: (n: number) => lines.slice(-n).join('\n') }
}

/** The server once /health answers 200; else stopped, with its last output in the error. */
async function ready(server: RegistryAuthServer, timeoutMs: number, dead: () => string | undefined, out: ReturnType<typeof outputOf>): Promise<RegistryAuthServer> {
  try {
    await waitHealthy(server.url, timeoutMs, dead)
  } catch (e) {
    await server.stop()
    throw new RegistryAuthServerError(`the registry's auth-server did not become ready: ${(e as Error).message}\n${out.last(25)}`)
  }
  return server
}

async function startFromCheckout(o: RegistryAuthServerOptions): Promise<RegistryAuthServer> {
  const missing = registryAuthServerMissing(o.registryDir)
  if (missing) throw new RegistryAuthServerError(missing)
  const host = o.host ?? '127.0.0.1'
  const port = o.port ?? (await freePort())
  const home = mkdtempSync(join(tmpdir(), 'regcfg-registry-auth-'))
  const venv = registryVenv()
  const checkout = resolve(o.registryDir)
  const env: Record<string, string> = {
    ...o.env,
    ...o.extraEnv,
    PATH: `${join(venv, 'bin')}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    VIRTUAL_ENV: venv,
    PYTHONPATH: `${join(checkout, 'auth_server')}:${checkout}`,
    PYTHONUNBUFFERED: '1',
    PYTHONPYCACHEPREFIX: join(REPO_ROOT, '.tools', 'registry-pycache'),
    OTEL_SDK_DISABLED: 'true',
    APP_LOG_DIR: join(home, 'logs'),
    AUDIT_LOG_DIR: join(home, 'logs', 'audit'),
  }
  const out = outputOf(o)
  const onLine = out.onLine
  const argv = ['server:app', '--host', host, '--port', String(port), '--proxy-headers', '--forwarded-allow-ips=127.0.0.1,::1']
  const child = spawn(join(venv, 'bin', 'uvicorn'), argv, { cwd: join(checkout, 'auth_server'), env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  child.once('error', (e) => onLine(`spawn: ${e.message}`))
  for (const stream of [child.stdout!, child.stderr!]) lineReader(stream, onLine)
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await terminate(child, exited)
    rmSync(home, { recursive: true, force: true })
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  const dead = () => (child.exitCode !== null || child.signalCode !== null ? `it exited (${child.exitCode ?? child.signalCode})` : undefined)
  return ready({ url, pid: child.pid!, tail: out.tail, stop }, o.readyTimeoutMs ?? 60_000, dead, out)
}

function lineReader(stream: NodeJS.ReadableStream, onLine: (l: string) => void): void {
  let buf = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk: string) => {
    buf += chunk
    let i: number
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i))
      buf = buf.slice(i + 1)
    }
  })
  stream.on('end', () => buf && onLine(buf))
}

async function waitHealthy(url: string, timeoutMs: number, dead: () => string | undefined): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const gone = dead()
    if (gone) throw new Error(gone)
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })
      await res.arrayBuffer()
      if (res.status === 200) return
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`no 200 from ${url}/health within ${timeoutMs} ms`)
}

/** The whole process group (uvicorn and anything it started), politely first. */
async function terminate(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      /* already gone */
    }
  }
  group('SIGTERM')
  const killer = setTimeout(() => group('SIGKILL'), 5_000)
  await exited
  clearTimeout(killer)
  group('SIGKILL') // stragglers of the group, if any
}
