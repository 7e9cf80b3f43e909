// The processes a /validate benchmark needs: a JWKS endpoint, bare servers, regcfg auth-servers, FerretDB.
import { spawn, spawnSync, execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { newSigner } from './tokens.mjs'
import { freePort, LOAD_CPU, ROOT, SERVER_CPU, spawnPinned, stop, waitHttp } from './util.mjs'

export const POOL = 'us-east-1_Bench1'
export const CLIENT_ID = 'bench-web-client'
export const SECRET_KEY = 'bench-only-signing-key-0123456789abcdef-0123'
export const REGISTRY = 'https://registry.example.com'
/** What nginx sends to /validate for a tools/call (X-Body: the JSON-RPC body it captured). */
export const MCP_HEADERS = {
  'X-Original-URL': `${REGISTRY}/currenttime/mcp`,
  'X-Body': JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'current_time_by_timezone', arguments: {} } }),
}

export async function startRig() {
  const dir = mkdtempSync(join(tmpdir(), 'regcfg-bench-'))
  const procs = []
  const signer = newSigner()
  const jwksFile = join(dir, 'jwks.json')
  writeFileSync(jwksFile, JSON.stringify(signer.jwks))
  const jwksPort = await freePort()
  const jwks = spawnPinned(LOAD_CPU, process.execPath, [join(ROOT, 'bench/servers/jwks.mjs'), String(jwksPort), POOL, jwksFile])
  procs.push(jwks)
  const idpBase = `http://127.0.0.1:${jwksPort}`
  await waitHttp(`${idpBase}/`, jwks)
  const issuer = `${idpBase}/${POOL}`
  const now = Math.floor(Date.now() / 1000)
  const claims = (groups, i = 0) => ({ sub: `bench-user-${i}`, username: 'bench-user', 'cognito:groups': groups, token_use: 'access', client_id: CLIENT_ID, scope: 'openid', iss: issuer, iat: now, exp: now + 7200, jti: `bench-${i}` })

  /** A baseline server from bench/servers, pinned to the server CPU. */
  const baseline = async (script, args) => {
    const port = await freePort()
    const p = spawnPinned(SERVER_CPU, process.execPath, [join(ROOT, 'bench/servers', script), String(port), ...args])
    procs.push(p)
    await waitHttp(`http://127.0.0.1:${port}/`, p)
    return { url: `http://127.0.0.1:${port}`, port, pid: p.pid, child: p }
  }

  const rig = {
    dir,
    issuer,
    token: (groups) => signer.sign(claims(groups)),
    /** Writes `n` distinct tokens, one a line, signed on two worker threads; returns the file. */
    async tokensFile(n, groups) {
      const pem = signer.privatePem
      const half = Math.ceil(n / 2)
      const parts = await Promise.all([0, 1].map((w) => new Promise((resolve, reject) => {
        const worker = new Worker(new URL('./sign-worker.mjs', import.meta.url), { workerData: { pem, from: w * half, count: Math.min(half, n - w * half), groups, issuer, clientId: CLIENT_ID, now } })
        worker.once('message', resolve).once('error', reject)
      })))
      const file = join(dir, `tokens-${n}.txt`)
      writeFileSync(file, parts.flat().join('\n') + '\n')
      return file
    },
    bare(opts = {}) {
      return baseline('bare.mjs', [...(opts.body ? ['--body'] : []), ...(opts.identityHeaders ? ['--identity-headers'] : [])])
    },
    /** The floor of a Node auth-server (servers/floor.mjs): raw node:net writing /validate's fixed 200. */
    floor() {
      return baseline('floor.mjs', [])
    },
    /**
     * `regcfg serve` as deployed (dist bundle), pinned to the server CPU, scopes from a spec or storage.
     * `root`: another checkout's build, to compare two versions under the same load; `nodeArgs`: node's own
     * (a profile, a V8 flag).
     */
    async auth({ spec, env = {}, cpu = SERVER_CPU, root = ROOT, nodeArgs = [] } = {}) {
      const port = await freePort()
      const args = [join(root, 'bin/regcfg.cjs'), 'serve', '--host', '127.0.0.1', '--port', String(port), '--idp-base-url', idpBase, ...(spec ? ['--spec', spec] : [])]
      const e = { PATH: process.env.PATH, HOME: process.env.HOME, AUTH_PROVIDER: 'cognito', REGISTRY_URL: REGISTRY, SECRET_KEY, SESSION_COOKIE_SECURE: 'false', COGNITO_USER_POOL_ID: POOL, COGNITO_CLIENT_ID: CLIENT_ID, COGNITO_CLIENT_SECRET: 'bench-client-secret-value', ...env }
      // request logs (one JSON line each) go to /dev/null: a pipe back to this process would load the machine
      const p = spawn('taskset', ['-c', String(cpu), process.execPath, ...nodeArgs, ...args], { env: e, stdio: ['ignore', 'ignore', env.BENCH_STDERR ? 'pipe' : 'ignore'] })
      p.errText = () => ''
      procs.push(p)
      try {
        await waitHttp(`http://127.0.0.1:${port}/health`, p)
      } catch (err) {
        // once more with stderr captured, for the reason
        const r = spawnSync(process.execPath, args, { env: e, encoding: 'utf8', timeout: 5000 })
        throw new Error(`regcfg serve did not start: ${r.stderr || err.message}`)
      }
      return { url: `http://127.0.0.1:${port}`, port, pid: p.pid, child: p }
    },
    /** FerretDB (SQLite handler) pinned with the server, when its binary is installed; else undefined. */
    async ferret() {
      const bin = process.env.FERRETDB_BIN ?? ['/root/go/bin/ferretdb', join(process.env.HOME ?? '/root', 'go/bin/ferretdb')].find(existsSync)
      if (!bin) return undefined
      const fdir = join(dir, 'ferret')
      execFileSync('mkdir', ['-p', fdir])
      const port = await freePort()
      const p = spawnPinned(SERVER_CPU, bin, ['--handler=sqlite', `--sqlite-url=file:${fdir}/`, `--listen-addr=127.0.0.1:${port}`, '--debug-addr=-', `--state-dir=${fdir}`, '--telemetry=disable', '--log-level=error'])
      procs.push(p)
      const { waitTcp } = await import('./tcp.mjs')
      await waitTcp(port, p)
      return { uri: `mongodb://127.0.0.1:${port}/`, pid: p.pid }
    },
    track(p) {
      procs.push(p)
    },
    async stop() {
      await Promise.all(procs.map(stop))
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return rig
}

const BASE_SPEC = `version: 1
registry:
  externalUrl: ${REGISTRY}
auth:
  provider: cognito
  secretKey: { env: SECRET_KEY }
  cognito:
    userPoolId: ${POOL}
    clientId: ${CLIENT_ID}
    clientSecret: { env: COGNITO_CLIENT_SECRET }
`

/** A Cognito spec with the given scopes. */
export function scopesSpec(scopes) {
  const base = BASE_SPEC
  const lines = ['scopes:']
  for (const s of scopes) {
    lines.push(`  - name: ${s.name}`, `    groups: [${s.groups.join(', ')}]`, '    servers:')
    for (const r of s.servers) lines.push(`      - server: ${r.server}`, `        methods: [${r.methods.join(', ')}]`, `        tools: [${r.tools.join(', ')}]`)
  }
  return base + lines.join('\n') + '\n'
}

/**
 * `n` scopes that all map the group `bench-users` (so a user in that one group has n scopes); only the
 * last one allows tools/call current_time_by_timezone on currenttime, so every request scans them all.
 */
export function scopesPerUser(n) {
  const pad = (i) => String(i).padStart(4, '0')
  return Array.from({ length: n }, (_, i) => i === n - 1
    ? { name: `scope-${pad(i)}`, groups: ['bench-users'], servers: [{ server: 'currenttime', methods: ['initialize', 'tools/list', 'tools/call'], tools: ['current_time_by_timezone'] }] }
    : { name: `scope-${pad(i)}`, groups: ['bench-users'], servers: [{ server: `server-${pad(i)}`, methods: ['initialize', 'tools/list', 'tools/call'], tools: [`tool-${pad(i)}`] }] })
}

/** The /validate benchmark's mappings: the user's two groups map to three of 50 scopes. */
export function typicalScopes() {
  const out = [
    { name: 'time-readers', groups: ['bench-users'], servers: [{ server: 'currenttime', methods: ['initialize', 'tools/list', 'tools/call'], tools: ['current_time_by_timezone'] }] },
    { name: 'fin-list', groups: ['finance', 'bench-users'], servers: [{ server: 'fininfo', methods: ['tools/list'], tools: ['quote'] }] },
    { name: 'team-1', groups: ['mcp-team-1'], servers: [{ server: 'server-team-1', methods: ['initialize', 'tools/list'], tools: ['a'] }] },
  ]
  for (let i = 0; i < 47; i++) out.push({ name: `other-${i}`, groups: [`other-group-${i}`], servers: [{ server: `other-server-${i}`, methods: ['tools/list'], tools: ['x'] }] })
  return out
}
export const USER_GROUPS = ['bench-users', 'mcp-team-1']
