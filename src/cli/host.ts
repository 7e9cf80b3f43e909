import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve as resolvePath } from 'node:path'
import type { SecretRef } from '../compiler/types.js'
import { stdWriter } from './std-write.js'
import { UserError } from '../errors.js'

/** All I/O of the CLI goes through a host, so commands can run against a fake one in tests. */
export interface Host {
  readText(path: string): string
  writeText(path: string, content: string): void
  env(name: string): string | undefined
  /** Why writing secret values to `path` would put them where git can see them, or undefined when it is safe. */
  gitExposure(path: string): string | undefined
  stdout(s: string): void
  stderr(s: string): void
}


export const nodeHost: Host = {
  readText(path) {
    try {
      if (statSync(path).isDirectory()) throw new UserError(`${path} is a folder, not a file`)
      return readFileSync(path, 'utf8')
    } catch (e) {
      if (e instanceof UserError) throw e
      throw new UserError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
    }
  },
  writeText(path, content) {
    try {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, content)
    } catch (e) {
      throw new UserError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
    }
  },
  env: (name) => process.env[name],
  gitExposure,
  stdout: stdWriter(1),
  stderr: stdWriter(2),
}

function git(cwd: string, args: string[]): { ok: boolean; out: string } {
  try {
    // loaded only here: most runs start no process, and node:child_process costs start-up time
    const { execFileSync } = process.getBuiltinModule('node:child_process')
    return { ok: true, out: execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' }).trim() }
  } catch {
    return { ok: false, out: '' }
  }
}

/** Tracked, or inside a work tree and not ignored: git would (or could) commit it. */
export function gitExposure(path: string): string | undefined {
  const abs = resolvePath(path)
  const dir = nearestExisting(dirname(abs))
  if (!mayBeInRepository(dir) || !git(dir, ['rev-parse', '--is-inside-work-tree']).ok) return undefined
  if (git(dir, ['ls-files', '--error-unmatch', '--', abs]).ok) return 'git tracks this file'
  if (!git(dir, ['check-ignore', '-q', '--no-index', '--', abs]).ok) return 'it is inside a git work tree and not ignored, so the next `git add` takes it'
  return undefined
}

/**
 * False only when git could not find a repository from `dir`: no `.git` (folder or file) and no bare
 * repository in it or any folder above, and no GIT_DIR / GIT_WORK_TREE pointing elsewhere. Spares the
 * git process (several ms) for output outside any repository; everything else is still git's call.
 */
function mayBeInRepository(dir: string): boolean {
  if (process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined) return true
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return true
    if (existsSync(join(d, 'HEAD')) && existsSync(join(d, 'objects')) && existsSync(join(d, 'refs'))) return true // bare, or inside .git
    if (dirname(d) === d) return false
  }
}

function nearestExisting(dir: string): string {
  let d = dir
  for (;;) {
    try {
      if (statSync(d).isDirectory()) return d
    } catch {
      /* keep climbing */
    }
    const up = dirname(d)
    if (up === d) return d
    d = up
  }
}

/** Resolves an { env } or { file } reference; file paths are relative to the spec's folder. */
export function resolveSecret(host: Host, ref: SecretRef, specPath: string): { value: string } | { reason: string; hint: string } {
  if ('env' in ref) {
    const v = host.env(ref.env)
    return v === undefined ? { reason: `environment variable ${ref.env} is not set`, hint: `Export ${ref.env} before running regcfg (its value never appears in output or logs).` } : { value: v }
  }
  if ('file' in ref) {
    const path = isAbsolute(ref.file) ? ref.file : resolvePath(dirname(specPath), ref.file)
    try {
      return { value: host.readText(path).replace(/\r?\n$/, '') }
    } catch {
      return { reason: `cannot read file ${ref.file}`, hint: 'Create the file (keep it out of git) or point the reference at the right path.' }
    }
  }
  if ('value' in ref) return { value: ref.value }
  const where = 'awsSecretsManager' in ref ? 'AWS Secrets Manager' : 'a Kubernetes Secret'
  return { reason: `a reference to ${where} cannot be resolved at compile time`, hint: 'For Docker Compose give this secret as { env: NAME } or { file: PATH }.' }
}
