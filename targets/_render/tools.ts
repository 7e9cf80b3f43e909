/**
 * Finding and running the real deployment tools. Each is looked up as REGCFG_<TOOL> (a path), then
 * in <repo>/.tools/bin, then on PATH, then in Go's bin folder (where tools/setup-test-services.sh
 * builds helm and docker-compose). A missing tool is a RenderToolMissing with the command to install it.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import type { ToolRun } from './types.js'

export type ToolName = 'helm' | 'docker-compose' | 'terraform' | 'kubectl'

export class RenderToolMissing extends Error {
  override name = 'RenderToolMissing'
  readonly code = 'RC7001'
  constructor(readonly tool: ToolName) {
    super(`${tool} not found (set REGCFG_${envName(tool)}, put it on PATH, or run: bash tools/setup-test-services.sh)`)
  }
}

/** The registry checkout lacks a file the render needs (not a clone of the registry, or another version). */
export class RegistryCheckoutError extends Error {
  override name = 'RegistryCheckoutError'
  readonly code = 'RC7002'
  constructor(readonly registryDir: string, readonly missing: string) {
    super(`${registryDir} is not a checkout of the MCP Gateway Registry: ${missing} is missing (pass --registry DIR, a clone at the version you deploy)`)
  }
}

const envName = (t: ToolName) => t.toUpperCase().replace('-', '_')

/** The project root: from the built CLI's own folder (CommonJS __dirname), else the working folder (tests). */
function repoRoot(): string {
  // not import.meta: the CLI is bundled as CommonJS, where it is empty
  let dir = typeof __dirname === 'string' ? __dirname : process.cwd()
  while (dir !== dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    dir = dirname(dir)
  }
  return process.cwd()
}

const found = new Map<ToolName, string>()

export function findTool(tool: ToolName, env: NodeJS.ProcessEnv = process.env): string {
  const cached = found.get(tool)
  if (cached) return cached
  const explicit = env[`REGCFG_${envName(tool)}`]
  const candidates = [
    ...(explicit ? [resolve(explicit)] : []),
    join(repoRoot(), '.tools', 'bin', tool),
    ...(env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, tool)),
    join(env.GOPATH ?? join(homedir(), 'go'), 'bin', tool),
  ]
  const hit = candidates.find((c) => existsSync(c))
  if (!hit) throw new RenderToolMissing(tool)
  found.set(tool, hit)
  return hit
}

export interface RunOutput {
  stdout: string
  stderr: string
  code: number
  run: ToolRun
}

const versions = new Map<string, string>()

/** The tool's own version line (asked once per binary and process). */
export function toolVersion(tool: ToolName): Promise<string> {
  const bin = findTool(tool)
  let asked = asking.get(bin)
  if (!asked) {
    const args = tool === 'kubectl' ? ['version', '--client'] : tool === 'terraform' ? ['version'] : ['version', '--short']
    asked = runTool(tool, args, {}).then((out) => {
      const v = (out.stdout.split('\n')[0] ?? '').trim().replace(/^Client Version:\s*/, '') || 'unknown'
      versions.set(bin, v)
      return v
    })
    asking.set(bin, asked)
  }
  return asked
}

const asking = new Map<string, Promise<string>>()

export interface RunOptions {
  cwd?: string
  env?: Record<string, string>
  input?: string
  /** ms before the process is killed (default 120 s). */
  timeout?: number
}

/** Runs a tool with an explicit environment (nothing of the caller's leaks in but PATH and HOME). */
export function runTool(tool: ToolName, argv: string[], o: RunOptions): Promise<RunOutput> {
  return spawnRun(findTool(tool), tool, argv, argv, o)
}

/**
 * Runs a shell script that calls `tool` (e.g. create-env-secret.sh calling kubectl) with the found
 * tool first on PATH; the ToolRun names the tool and `sh SCRIPT ARGS`.
 */
export function runScript(tool: ToolName, script: string, args: string[], o: RunOptions): Promise<RunOutput> {
  const dir = dirname(findTool(tool))
  const path = [dir, process.env.PATH ?? '/usr/bin:/bin'].join(delimiter)
  return spawnRun('/bin/sh', tool, [script, ...args], ['sh', script, ...args], { ...o, env: { PATH: path, ...o.env } }, findTool(tool))
}

function spawnRun(bin: string, tool: ToolName, argv: string[], shown: string[], o: RunOptions, versionOf = bin): Promise<RunOutput> {
  const started = performance.now()
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...o.env }
  return new Promise((done) => {
    const child = execFile(bin, argv, { cwd: o.cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: o.timeout ?? 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0
      done({ stdout: String(stdout), stderr: String(stderr), code, run: { tool, version: versions.get(versionOf) ?? '', argv: shown, ms: Math.round(performance.now() - started) } })
    })
    if (o.input !== undefined) child.stdin?.end(o.input)
  })
}

/**
 * A tool's message with every given value (secrets, .env values) masked: for diagnostics. A short
 * value (under 8 characters, e.g. a sensitive username "admin") is masked only where it is not part
 * of a longer word, so `keycloak_admin_password` stays readable; a longer one is masked anywhere.
 */
export function redact(text: string, values: Iterable<string>): string {
  let out = text
  for (const v of [...new Set(values)].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length)) {
    const esc = v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    out = out.replace(v.length >= 8 ? new RegExp(esc, 'g') : new RegExp(`(?<![A-Za-z0-9_])${esc}(?![A-Za-z0-9_])`, 'g'), '***')
  }
  return out
}

/** The first meaningful line of a tool's error output. */
export function firstError(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean)
  return lines.find((l) => /error|fail|refus|missing|not found/i.test(l)) ?? lines[0] ?? 'no message'
}
