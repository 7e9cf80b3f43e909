import type { PolicyHost } from './host.js'
import type { GitState } from './types.js'

/** What git knows about a work tree, from two `git ls-files` calls (no call per file). */
export interface GitIndex {
  root: string
  tracked: Set<string>
  untracked: Set<string>
  ignoredFiles: Set<string>
  /** Ignored folders as git reports them (`out/`, `node_modules/`): not descended into. */
  ignoredDirs: string[]
}

const split = (out: string | undefined): string[] => (out ?? '').split('\0').filter(Boolean)

/** The index of the work tree holding `dir`, or undefined outside git. */
export function gitIndex(host: PolicyHost, dir: string): GitIndex | undefined {
  const root = host.git(dir, ['rev-parse', '--show-toplevel'])?.trim()
  if (!root) return undefined
  const index: GitIndex = { root, tracked: new Set(), untracked: new Set(), ignoredFiles: new Set(), ignoredDirs: [] }
  for (const line of split(host.git(root, ['ls-files', '-z', '-t', '--cached', '--others', '--exclude-standard']))) {
    ;(line.startsWith('? ') ? index.untracked : index.tracked).add(line.slice(2))
  }
  for (const p of split(host.git(root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']))) {
    if (p.endsWith('/')) index.ignoredDirs.push(p)
    else index.ignoredFiles.add(p)
  }
  return index
}

/** Tracked or staged, untracked and not ignored, or ignored; `rel` is relative to the root, with `/`. */
export function stateOf(index: GitIndex | undefined, rel: string): GitState {
  if (!index) return 'outside'
  if (index.tracked.has(rel)) return 'tracked'
  if (index.ignoredFiles.has(rel) || index.ignoredDirs.some((d) => rel.startsWith(d))) return 'ignored'
  return 'untracked'
}
