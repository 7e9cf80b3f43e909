import { isAbsolute, join, relative, resolve } from 'node:path'
import { recording, type ResultCache } from './cache.js'
import type { Severity } from '../compiler/types.js'
import { collect, type Collected } from './collect.js'
import { renderJson } from './format/json.js'
import { renderSarif } from './format/sarif.js'
import { renderText } from './format/text.js'
import type { PolicyHost } from './host.js'
import { fails, judge, Linter, type LintResult } from './lint.js'
import { readSurface } from './read/index.js'
import type { RoleContext } from './role.js'
import { RULES } from './rules/index.js'
import { parseBaseline, renderBaseline } from './suppress.js'
import { CollectError } from '../errors.js'

export interface LintOptions {
  format: 'text' | 'json' | 'sarif'
  failOn: Severity
  version: string
  spec?: string
  baseline?: string
  writeBaseline?: string
  /** Told how many files the run will read, once they are collected and before the first is read. */
  onCollected?: (files: number) => void
  /** Results kept from earlier runs, and the folder they are saved in (not used when that folder is inside a linted tree). */
  cache?: { results: ResultCache; dir: string }
}

export interface LintRun {
  result: LintResult
  /** The rendered report. */
  output: string
  /** The baseline file that accepts every finding of this run. */
  baseline: string
  failed: boolean
  /** Whether opts.cache was read (and may have new entries to save). */
  cacheUsed: boolean
}

/** Files past this size are not configuration. */
const MAX_BYTES = 2 * 1024 * 1024

/** Collects, reads and lints PATHs; every I/O goes through the host. Errors are usage/I/O errors (exit 2). */
export async function lintPaths(host: PolicyHost, paths: readonly string[], opts: LintOptions): Promise<LintRun | { error: string }> {
  try {
    const { files, git } = collect(host, [...(paths.length ? paths : ['.']), ...(opts.spec ? [opts.spec] : [])])
    opts.onCollected?.(files.length)
    const specPath = opts.spec ? files.find((f) => f.abs === resolve(host.cwd(), opts.spec!))?.path : undefined
    const baseline = opts.baseline ? loadBaseline(host, opts.baseline) : undefined
    const root = git?.root ?? host.cwd()
    const cache = opts.cache && !isInsideAny(opts.cache.dir, [root, ...paths.map((p) => resolve(host.cwd(), p))]) ? opts.cache.results : undefined
    const result = await lintAll(host, files, specPath, baseline, chartDirs(host, root), cache)
    const display = (p: string) => relative(host.cwd(), resolve(root, p)).split('\\').join('/') || p
    const output = render(result, opts, display)
    let baselineText: string | undefined
    return {
      result,
      output,
      // rendered only when asked for (--write-baseline)
      get baseline() {
        return (baselineText ??= renderBaseline(result.findings))
      },
      failed: fails(result.findings, opts.failOn),
      cacheUsed: cache !== undefined,
    }
  } catch (e) {
    if (e instanceof CollectError) return { error: e.message }
    throw e
  }
}

/** Reads and lints each file in turn (see Linter); a file whose judgement the cache holds is not parsed again. */
async function lintAll(host: PolicyHost, files: readonly Collected[], specPath: string | undefined, baseline: ReadonlySet<string> | undefined, ctx: RoleContext, cache: ResultCache | undefined): Promise<LintResult> {
  const linter = new Linter(baseline)
  for (const f of files) {
    const text = readSmallText(host, f.abs)
    if (text === undefined) continue
    const as = f.path === specPath ? 'spec' : undefined
    if (!cache) {
      const file = await readSurface(f.path, text, as, ctx)
      if (file) linter.add(file, f.gitState)
      continue
    }
    const key = cache.keyOf(f.path, text, as)
    let judged = cache.get(key, ctx)
    if (judged === undefined) {
      const rec = recording(ctx)
      const file = await readSurface(f.path, text, as, rec.ctx)
      cache.set(key, rec.asked, (judged = file ? judge(file) : null))
    }
    if (judged) linter.addJudged(f.path, judged, f.gitState)
  }
  return linter.result()
}

/** Whether a folder is one of the trees or inside one (a cache there would land in the repository). */
function isInsideAny(dir: string, trees: readonly string[]): boolean {
  return trees.some((t) => {
    const r = relative(t, dir)
    return r === '' || (!r.startsWith('..') && !isAbsolute(r))
  })
}

/** Which folders hold a Chart.yaml: asked only for a values.yaml or a ci/ folder, once per folder (a file named alone still finds its chart). */
function chartDirs(host: PolicyHost, root: string): RoleContext {
  const known = new Map<string, boolean>()
  return {
    isChartDir(dir) {
      let is = known.get(dir)
      if (is === undefined) known.set(dir, (is = host.kind(join(root, dir, 'Chart.yaml')) === 'file' || host.kind(join(root, dir, 'Chart.yml')) === 'file'))
      return is
    },
  }
}

function readSmallText(host: PolicyHost, abs: string): string | undefined {
  try {
    const text = host.readText(abs)
    return text.length > MAX_BYTES || text.includes('\u0000') ? undefined : text
  } catch {
    return undefined
  }
}

function loadBaseline(host: PolicyHost, path: string): Set<string> {
  let text: string
  try {
    text = host.readText(resolve(host.cwd(), path))
  } catch (e) {
    throw new CollectError(`cannot read the baseline ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
  const b = parseBaseline(text)
  if ('error' in b) throw new CollectError(`${path}: ${b.error}`)
  return b
}

function render(result: LintResult, opts: LintOptions, display: (p: string) => string): string {
  if (opts.format === 'json') return renderJson(result)
  if (opts.format === 'sarif') return renderSarif(result, RULES, opts.version)
  return renderText(result, display)
}
