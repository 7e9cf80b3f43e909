import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path'
import { candidateOf } from './detect.js'
import { gitIndex, stateOf, type GitIndex } from './git-state.js'
import type { PolicyHost } from './host.js'
import { byText } from './order.js'
import type { GitState } from './types.js'
import { CollectError } from '../errors.js'

/** A file to lint: where it is, how to name it, and how git sees it. */
export interface Collected {
  abs: string
  /** Relative to the repository root (or the working folder outside git), with `/`: paths in findings and fingerprints. */
  path: string
  gitState: GitState
}

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
  const folderOf = (t: string) => (host.kind(t) === 'dir' ? t : resolve(t, '..'))
  const git = gitIndex(host, folderOf(targets[0]!))
  const base = git?.root ?? cwd
  const inside = (root: string, abs: string) => !posix(relative(root, abs)).startsWith('..')
  // a PATH outside the first one's work tree is graded by its own repository's index (or as outside git)
  const others = new Map<string, GitIndex | undefined>()
  const indexFor = (t: string): GitIndex | undefined => {
    if (git && inside(git.root, t)) return git
    const dir = folderOf(t)
    if (!others.has(dir)) others.set(dir, gitIndex(host, dir))
    return others.get(dir)
  }
  const out = new Map<string, Collected>()
  const add = (abs: string, index: GitIndex | undefined, path = posix(relative(base, abs))) => {
    if (out.has(path)) return
    const state = index === git ? stateOf(git, path) : index ? stateOf(index, posix(relative(index.root, abs))) : 'outside'
    out.set(path, { abs, path, gitState: state })
  }
  for (const t of targets) {
    const index = indexFor(t)
    if (host.kind(t) === 'file') add(t, index)
    else for (const f of filesUnder(host, index, index?.root ?? base, t)) add(f.abs, index, index === git ? f.path : undefined)
  }
  return { files: [...out.values()].sort((a, b) => byText(a.path, b.path)), git }
}

/** A file found under a folder, with its path relative to the base when the walk knows it. */
type Found = { abs: string; path?: string }

function filesUnder(host: PolicyHost, git: GitIndex | undefined, base: string, dir: string): Found[] {
  const rel = posix(relative(base, dir))
  if (!git || rel.startsWith('..') || stateOf(git, rel + '/') === 'ignored') {
    const out: Found[] = []
    walk(host, dir, normalize(dir), sep === '/' ? rel : undefined, out)
    return out
  }
  const prefix = rel === '' ? '' : rel + '/'
  const listed = [...git.tracked, ...git.untracked, ...git.ignoredFiles].filter((p) => p.startsWith(prefix) && candidateOf(p))
  return listed.map((p) => join(base, p)).filter((abs) => host.kind(abs) === 'file').map((abs) => ({ abs }))
}

/**
 * A plain walk: every candidate file, skipping .git and node_modules and links to folders. Lists
 * `dir` and names what it holds under `abs` (normalize(dir)): join(dir, name), without
 * normalizing per file. `rel` is the folder's path relative to the base (on POSIX): a file's is
 * then rel/name, as relative(base, join(dir, name)) makes it (a name from readdir is never empty,
 * `.` or `..`, and holds no `/`), without resolving both paths per file.
 */
function walk(host: PolicyHost, dir: string, abs: string, rel: string | undefined, out: Found[]): void {
  const slash = abs.endsWith(sep) ? '' : sep
  for (const d of host.list(dir)) {
    const child = abs + slash + d.name
    const path = rel === undefined ? undefined : rel === '' ? d.name : `${rel}/${d.name}`
    if (d.kind === 'dir' && !SKIP_DIRS.has(d.name)) walk(host, child, child, path, out)
    else if (d.kind === 'file' && candidateOf(d.name)) out.push(path === undefined ? { abs: child } : { abs: child, path })
  }
}
