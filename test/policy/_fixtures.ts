import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { lintPaths, type LintOptions } from '../../src/policy/run.js'
import { nodePolicyHost } from '../../src/policy/host.js'
import type { LintRun } from '../../src/policy/run.js'

/** A temporary git repository (fixtures never live in the project tree). */
export function tempRepo(prefix = 'regcfg-lint-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  execFileSync('git', ['init', '-q'], { cwd: dir })
  return dir
}

export function tempDir(prefix = 'regcfg-lint-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function write(root: string, files: Record<string, string>): void {
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true })
    writeFileSync(join(root, p), content)
  }
}

export const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8' })

/** lintPaths with the working folder at `cwd`. */
export async function lintIn(cwd: string, paths: string[] = [], opts: Partial<LintOptions> = {}): Promise<LintRun> {
  const host = { ...nodePolicyHost, cwd: () => cwd }
  const r = await lintPaths(host, paths, { format: 'text', failOn: 'error', version: '0.0.0-test', ...opts })
  if ('error' in r) throw new Error(r.error)
  return r
}

/** A value that no rule could mistake for a placeholder: long, mixed, distinct per n. */
export const literal = (n: number): string => `Lit${n}Zq7xR2vK9mW4pT8bN3cY6hJ5dF1sG0aE${n}`
