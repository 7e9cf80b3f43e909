import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { Script } from 'node:vm'

/**
 * Loads a CommonJS bundle of the built CLI like require() does, but with V8's code cache: compiling
 * a command's bundle (validator, YAML) costs more than running it, so the compiled code, including
 * the functions the run compiled lazily, is kept in dist/commands/.cache after the first run and reused.
 *
 * A cache only ever costs speed, never behaviour: it is named after the bundle's content hash (`key`,
 * from the build; V8 itself checks only its own version, flags and the source length) and the Node
 * version, V8 rejects one that does not fit (then it is written again), and a folder that cannot be
 * written just means no cache.
 */
export function requireWithCodeCache(file: string, key: string): unknown {
  // Node maps stack traces only for modules it loads itself
  if (process.sourceMapsEnabled) return createRequire(file)(file)
  const source = readFileSync(file, 'utf8')
  const cacheFile = join(dirname(file), '.cache', `${basename(file)}.${key}.${process.version}-${process.arch}.v8`)
  let cachedData: Buffer | undefined
  try {
    cachedData = readFileSync(cacheFile)
  } catch {
    /* first run */
  }
  const script = new Script(Module.wrap(source), { filename: file, cachedData })
  const fresh = !cachedData || script.cachedDataRejected
  const partial = `${cacheFile}.partial`
  if (fresh || existsSync(partial)) {
    process.once('exit', (code) => {
      if (helpOnly()) return
      if (code === 0) writeCache(cacheFile, script, partial, false)
      else if (code === 1 && fresh) writeCache(cacheFile, script, partial, true)
    })
  }
  const module = { exports: {} }
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file))
  return module.exports
}

/**
 * The cache holds only the functions that ran, and it is kept until V8 rejects it: it is written at
 * the exit of a run that did the command's work — exit 0, or exit 1 (lint's findings, a spec's errors)
 * when there is no cache yet; such a cache is marked partial (a compile that stopped at validation never
 * ran the emitters) and the next exit-0 run replaces it. Never by --help or a usage error (exit 2).
 */
const helpOnly = (): boolean => process.argv.includes('--help') || process.argv.includes('-h')

function writeCache(cacheFile: string, script: Script, marker: string, partial: boolean): void {
  const tmp = `${cacheFile}.${process.pid}.tmp`
  try {
    mkdirSync(dirname(cacheFile), { recursive: true })
    writeFileSync(tmp, script.createCachedData())
    renameSync(tmp, cacheFile) // readers see a whole cache or none
    if (partial) writeFileSync(marker, '')
    else rmSync(marker, { force: true })
  } catch {
    try {
      rmSync(tmp, { force: true })
    } catch {
      /* not even that: the folder is not ours to write */
    }
  }
}
