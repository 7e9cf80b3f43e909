/**
 * The one place that picks the Mongo-protocol server tests run against, in this order:
 *   1. MONGODB_URI, when set (a user's own MongoDB, DocumentDB or Atlas);
 *   2. testcontainers mongo:7, when a container runtime answers;
 *   3. FerretDB 1.x with its SQLite handler, started as a child process.
 * Only the FerretDB backend can simulate an outage (stop/restart); the others report `canFail: false`.
 */
import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, waitForTcp } from './net.js'

export type MongoBackend = 'uri' | 'testcontainers' | 'ferretdb'

export interface MongoServer {
  uri: string
  backend: MongoBackend
  /** True when outage() and recover() work (FerretDB only). */
  canFail: boolean
  /** Kills the server process (SIGKILL, like a crash) but keeps its data. */
  outage(): Promise<void>
  /** Starts it again on the same port with the same data. */
  recover(): Promise<void>
  /** Stops everything and removes temporary data. Safe to call twice. */
  stop(): Promise<void>
}

export interface StartMongoOptions {
  /** Where to say which backend was chosen (default: stderr). */
  log?: (line: string) => void
}

export async function startMongo(opts: StartMongoOptions = {}): Promise<MongoServer> {
  const log = opts.log ?? ((l: string) => process.stderr.write(l + '\n'))
  const server = process.env.MONGODB_URI ? fromUri(process.env.MONGODB_URI) : ((await fromContainer()) ?? (await fromFerretDb()))
  log(`mongo harness: using ${server.backend}${server.backend === 'uri' ? '' : ` at ${server.uri}`}`)
  return server
}

const noOutage = async (): Promise<void> => {
  throw new Error('this Mongo backend cannot simulate an outage (only FerretDB can)')
}

function fromUri(uri: string): MongoServer {
  return { uri, backend: 'uri', canFail: false, outage: noOutage, recover: noOutage, stop: async () => {} }
}

async function fromContainer(): Promise<MongoServer | undefined> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers')
    await getContainerRuntimeClient()
  } catch {
    return undefined
  }
  const { MongoDBContainer } = await import('@testcontainers/mongodb')
  const container = await new MongoDBContainer('mongo:7').start()
  const uri = `${container.getConnectionString()}?directConnection=true`
  return { uri, backend: 'testcontainers', canFail: false, outage: noOutage, recover: noOutage, stop: async () => void (await container.stop()) }
}

/** FERRETDB_BIN, else $(go env GOPATH)/bin/ferretdb, else ferretdb on PATH. */
export function ferretDbBinary(): string {
  if (process.env.FERRETDB_BIN) return process.env.FERRETDB_BIN
  try {
    const gopath = execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    if (existsSync(join(gopath, 'bin', 'ferretdb'))) return join(gopath, 'bin', 'ferretdb')
  } catch {
    /* no Go toolchain */
  }
  return 'ferretdb'
}

async function fromFerretDb(): Promise<MongoServer> {
  const bin = ferretDbBinary()
  const found = bin.includes('/') ? existsSync(bin) : spawnSync(bin, ['--version'], { stdio: 'ignore' }).error === undefined
  if (!found) throw new Error(`no MongoDB for the tests: FerretDB (${bin}) is not installed: run "bash tools/setup-test-services.sh" (npm test runs it), or set MONGODB_URI`)
  const dir = mkdtempSync(join(tmpdir(), 'regcfg-ferretdb-'))
  const port = await freePort()
  let child: ChildProcess | undefined
  const start = async () => {
    child = spawnFerret(dir, port)
    await waitForTcp('127.0.0.1', port, 20_000, () => child?.exitCode != null ? `ferretdb exited with code ${child.exitCode}` : undefined)
  }
  const halt = async (signal: NodeJS.Signals) => {
    const c = child
    child = undefined
    if (c && c.exitCode === null) await killAndWait(c, signal)
  }
  await start()
  let stopped = false
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    backend: 'ferretdb',
    canFail: true,
    outage: () => halt('SIGKILL'),
    recover: start,
    stop: async () => {
      if (stopped) return
      stopped = true
      await halt('SIGTERM')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function spawnFerret(dir: string, port: number): ChildProcess {
  const args = ['--handler=sqlite', `--sqlite-url=file:${dir}/`, `--listen-addr=127.0.0.1:${port}`, '--debug-addr=-', `--state-dir=${dir}`, '--telemetry=disable', '--log-level=error']
  const child = spawn(ferretDbBinary(), args, { stdio: ['ignore', 'ignore', 'pipe'] })
  child.on('error', () => {}) // reported by waitForTcp through exitCode / timeout
  child.stderr?.resume()
  return child
}

function killAndWait(c: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => c.kill('SIGKILL'), 5_000)
    c.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    c.kill(signal)
  })
}
