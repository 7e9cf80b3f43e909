import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { hash } from 'node:crypto'
import { ResultCache } from '../../policy/cache.js'

/** `$XDG_CACHE_HOME/regcfg` (`~/.cache/regcfg` when it is not set): the lint result cache's folder. */
export function lintCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'regcfg')
}

const FILE = 'lint-results.json'

/**
 * The code that judges a file: regcfg's version, its lint bundle (the parameter map and the rules
 * are inside it), Node's version and the HCL parser's. Undefined when lint does not run from the
 * bundle (from the sources, which change without a build): then nothing is cached.
 */
function codeSalt(version: string): string | undefined {
  if (typeof __filename !== 'string' || !__filename.endsWith('.cjs')) return undefined
  try {
    const hcl = (createRequire(__filename)('@cdktf/hcl2json/package.json') as { version: string }).version
    return hash('sha256', `${version}\0${process.version}\0${hcl}\0${hash('sha256', readFileSync(__filename), 'hex')}`, 'hex')
  } catch {
    return undefined
  }
}

/** The cache as saved by the last run (an unreadable store is an empty one), or undefined when nothing may be cached. */
export function openLintCache(version: string, dir = lintCacheDir()): { results: ResultCache; dir: string } | undefined {
  const salt = codeSalt(version)
  if (!salt) return undefined
  let text: string | undefined
  try {
    text = readFileSync(join(dir, FILE), 'utf8')
  } catch {
    text = undefined
  }
  return { results: new ResultCache(salt, text), dir }
}

/** Saves what changed: readable by this user only, written whole and renamed (a concurrent run loses entries, never reads half a file). A cache that cannot be written is no error. */
export function saveLintCache(cache: { results: ResultCache; dir: string }): void {
  const text = cache.results.save()
  if (text === undefined) return
  try {
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 })
    const tmp = join(cache.dir, `${FILE}.${process.pid}.tmp`)
    writeFileSync(tmp, text, { mode: 0o600 })
    renameSync(tmp, join(cache.dir, FILE))
  } catch {
    // no cache next time
  }
}
