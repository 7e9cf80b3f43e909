// Shared helpers: medians, pinned child processes, ports, machine facts.
import { spawn, spawnSync, execFileSync } from 'node:child_process'
import { readFileSync, existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { cpus } from 'node:os'

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '')
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

export function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export const NCPU = cpus().length
/** CPU for the thing measured and CPU for the load generator (the same one on a 1-core machine). */
export const SERVER_CPU = 0
export const LOAD_CPU = NCPU > 1 ? 1 : 0

/** A child process pinned to one CPU with taskset. */
export function spawnPinned(cpu, cmd, args, opts = {}) {
  const child = spawn('taskset', ['-c', String(cpu), cmd, ...args], { stdio: ['ignore', 'ignore', 'pipe'], ...opts })
  let err = ''
  child.stderr?.on('data', (d) => { if (err.length < 8192) err += d })
  child.errText = () => err
  return child
}

export function stop(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode) return resolve()
    const t = setTimeout(() => child.kill('SIGKILL'), 3000)
    child.once('exit', () => (clearTimeout(t), resolve()))
    child.kill('SIGTERM')
  })
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

/** Waits until GET url answers (any status). */
export async function waitHttp(url, child, timeoutMs = 20_000) {
  const t0 = Date.now()
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${url} answered:\n${child.errText?.()}`)
    try {
      const r = await fetch(url)
      await r.arrayBuffer()
      return
    } catch {
      if (Date.now() - t0 > timeoutMs) throw new Error(`${url} did not answer in ${timeoutMs} ms:\n${child?.errText?.() ?? ''}`)
      await sleep(50)
    }
  }
}

export function rssKb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) : NaN
  } catch {
    return NaN
  }
}

/** The machine and how busy it is, for the report. */
export function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? 'unknown'
  const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim()
  return { nproc: Number(nproc), cpuModel: model, node: process.version, date: new Date().toISOString(), os: `${readOs()}`, tools: toolVersions() }
}

function readOs() {
  try {
    return /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'linux'
  } catch {
    return 'linux'
  }
}

function toolVersions() {
  const v = (cmd, args, re) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' })
    return re.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`)?.[1] ?? 'unavailable'
  }
  return { wrk: v('wrk', ['-v'], /wrk ([\w.-]+)/), nginx: v('nginx', ['-v'], /nginx\/([\d.]+)/) }
}

/** Load average and busy CPU share over one second (from /proc/stat), plus the busiest processes. */
export async function loadSnapshot() {
  const read = () => readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
  const a = read()
  await sleep(1000)
  const b = read()
  const d = b.map((x, i) => x - a[i])
  const idle = d[3] + (d[4] ?? 0)
  const total = d.reduce((s, x) => s + x, 0)
  const loadavg = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
  let top = ''
  try {
    top = execFileSync('ps', ['-eo', 'pcpu,comm', '--sort=-pcpu', '--no-headers'], { encoding: 'utf8' }).split('\n').slice(0, 4).map((l) => l.trim()).filter(Boolean).join('; ')
  } catch {}
  return { loadavg, busyPct: Math.round((100 * (total - idle)) / total), top }
}

export const has = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export const fileExists = existsSync
