import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'

/** The file system and git as the linter sees them: injected, so collection is testable. */
export interface PolicyHost {
  cwd(): string
  kind(path: string): 'file' | 'dir' | undefined
  /** Folder entries; symbolic links to folders are reported as neither. */
  list(dir: string): { name: string; kind: 'file' | 'dir' | 'other' }[]
  readText(path: string): string
  /** git's stdout, or undefined when git fails or is missing. */
  git(cwd: string, args: string[]): string | undefined
}

/** One options object for every read: with the string 'utf8' fs builds one per call. */
const UTF8 = { encoding: 'utf8' } as const

export const nodePolicyHost: PolicyHost = {
  cwd: () => process.cwd(),
  kind(path) {
    try {
      const s = statSync(path)
      return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined
    } catch {
      return undefined
    }
  },
  list(dir) {
    try {
      return readdirSync(dir, { withFileTypes: true }).map((d) => ({ name: d.name, kind: d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other' }))
    } catch {
      return []
    }
  },
  readText: (path) => readFileSync(path, UTF8),
  git(cwd, args) {
    try {
      return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    } catch {
      return undefined
    }
  },
}
