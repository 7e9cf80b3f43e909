/**
 * Finding and running the real deployment tools. Each is looked up as REGCFG_<TOOL> (a path), then
 * in <repo>/.tools/bin, then on PATH, then in Go's bin folder (where tools/setup-test-services.sh
 * builds helm and docker-compose). A missing tool is a RenderToolMissing with the command to install it.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ToolRun } from './types.js'

export type ToolName = 'helm' | 'docker-compose' | 'terraform' | 'kubectl'

export class RenderToolMissing extends Error {
  override name = 'RenderToolMissing'
  readonly code = 'RC7001'
  constructor(readonly tool: ToolName) {
    super(`${tool} not found (set REGCFG_${envName(tool)}, put it on PATH, or run: bash tools/setup-test-services.sh)`)
  }
}

const envName = (t: ToolName) => t.toUpperCase().replace('-', '_')

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
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

/** The tool's own version line (cached per binary). */
export async function toolVersion(tool: ToolName): Promise<string> {
  const bin = findTool(tool)
  const known = versions.get(bin)
  if (known) return known
  const args = tool === 'helm' ? ['version', '--short'] : tool === 'kubectl' ? ['version', '--client'] : tool === 'terraform' ? ['version'] : ['version', '--short']
  const out = await runTool(tool, args, {})
  const v = (out.stdout.split('\n')[0] ?? '').trim() || 'unknown'
  versions.set(bin, v)
  return v
}

/** Runs a tool with an explicit environment (nothing of the caller's leaks in but PATH and HOME). */
export function runTool(tool: ToolName, argv: string[], o: { cwd?: string; env?: Record<string, string>; input?: string }): Promise<RunOutput> {
  const bin = findTool(tool)
  const started = performance.now()
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...o.env }
  return new Promise((done) => {
    const child = execFile(bin, argv, { cwd: o.cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0
      done({ stdout: String(stdout), stderr: String(stderr), code, run: { tool, version: versions.get(bin) ?? '', argv, ms: Math.round(performance.now() - started) } })
    })
    if (o.input !== undefined) child.stdin?.end(o.input)
  })
}
