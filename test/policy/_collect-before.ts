import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { candidateOf } from '../../src/policy/detect.js'
import { gitIndex, stateOf, type GitIndex } from '../../src/policy/git-state.js'
import type { PolicyHost } from '../../src/policy/host.js'
import { byText } from '../../src/policy/order.js'
import type { GitState } from '../../src/policy/types.js'

/** A file to lint: where it is, how to name it, and how git sees it. */
export interface Collected {
  abs: string
  /** Relative to the repository root (or the working folder outside git), with `/`: paths in findings and fingerprints. */
  path: string
  gitState: GitState
}

export class CollectError extends Error {}

/** Never descended into by the plain walk. */
const SKIP_DIRS = new Set(['.git', 'node_modules'])

const posix = (p: string): string => p.split(sep).join('/')

/**
 * The surface-file candidates under PATHs (default: the working folder). Inside git: what
 * `git ls-files` lists (tracked, untracked, and ignored files, not ignored folders); a file named
 * explicitly is always taken. Outside git: a plain walk.
 */
export function collect(host: PolicyHost, paths: readonly string[]): { files: Collected[]; git: GitIndex | undefined } {
  const cwd = host.cwd()
  const targets = (paths.length ? paths : ['.']).map((p) => (isAbsolute(p) ? p : resolve(cwd, p)))
  for (const t of targets) if (!host.kind(t)) throw new CollectError(`cannot read ${relative(cwd, t) || t}: no such file or folder`)
  const git = gitIndex(host, host.kind(targets[0]!) === 'dir' ? targets[0]! : resolve(targets[0]!, '..'))
  const base = git?.root ?? cwd
  const out = new Map<string, Collected>()
  const add = (abs: string) => {
    const path = posix(relative(base, abs))
    if (!out.has(path)) out.set(path, { abs, path, gitState: stateOf(git, path) })
  }
  for (const t of targets) (host.kind(t) === 'file' ? [t] : filesUnder(host, git, base, t)).forEach(add)
  return { files: [...out.values()].sort((a, b) => byText(a.path, b.path)), git }
}

function filesUnder(host: PolicyHost, git: GitIndex | undefined, base: string, dir: string): string[] {
  const rel = posix(relative(base, dir))
  if (!git || rel.startsWith('..') || stateOf(git, rel + '/') === 'ignored') return walk(host, dir)
  const prefix = rel === '' ? '' : rel + '/'
  const listed = [...git.tracked, ...git.untracked, ...git.ignoredFiles].filter((p) => p.startsWith(prefix) && candidateOf(p))
  return listed.map((p) => join(base, p)).filter((abs) => host.kind(abs) === 'file')
}

/** A plain walk: every candidate file, skipping .git and node_modules and links to folders. */
function walk(host: PolicyHost, dir: string): string[] {
  const out: string[] = []
  for (const d of host.list(dir)) {
    const abs = join(dir, d.name)
    if (d.kind === 'dir' && !SKIP_DIRS.has(d.name)) out.push(...walk(host, abs))
    else if (d.kind === 'file' && candidateOf(d.name)) out.push(abs)
  }
  return out
}
