import type { Severity } from '../../compiler/types.js'
import { nodePolicyHost } from '../../policy/host.js'
import { lintPaths, type LintOptions } from '../../policy/run.js'
import { ExitStatus } from '../exit.js'
import { type Host } from '../host.js'
import { openLintCache, saveLintCache } from './_lint-cache.js'
import type { Flags } from './_shared.js'
import { UserError } from '../../errors.js'

declare const REGCFG_VERSION: string
const VERSION = typeof REGCFG_VERSION === 'string' ? REGCFG_VERSION : '0.0.0-dev'

export const lintHelp = `regcfg lint [PATH...] [--spec SPEC] [--format text|json|sarif] [--fail-on error|warning|info] [--baseline FILE] [--write-baseline FILE] [--no-cache]
  Finds secrets that would reach git, and misconfigurations, in specs, .env*, *.tfvars(.json) and Helm values.
  PATHs default to the working folder; inside git the files are those git lists (gitignored ones graded info).
  Suppress a finding with "# regcfg-ignore RC5001" on its line, or accept existing ones with a baseline
  (--write-baseline FILE writes one; --baseline FILE applies it). Rules: docs/lint.md.
  Each file's results are kept by content in $XDG_CACHE_HOME/regcfg (~/.cache/regcfg): values never, the
  messages as reported; --no-cache reads and writes none.
  Exit 0 clean, 1 findings at or above --fail-on (default error), 2 usage or I/O error.`

const FAIL_ON: readonly string[] = ['error', 'warning', 'info']

function options(flags: Flags): LintOptions {
  const failOn = String(flags['fail-on'] ?? 'error')
  if (!FAIL_ON.includes(failOn)) throw new UserError(`--fail-on must be error, warning or info (got "${failOn}")`)
  const str = (k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined)
  return { format: flags.format as LintOptions['format'], failOn: failOn as Severity, version: VERSION, spec: str('spec'), baseline: str('baseline'), writeBaseline: str('write-baseline') }
}

/** regcfg lint [PATH...]: reads through the policy host, reports through the CLI host. */
export async function runLint(host: Host, paths: string[], flags: Flags): Promise<ExitStatus> {
  const opts = options(flags)
  const cache = flags['no-cache'] ? undefined : openLintCache(VERSION)
  const run = await lintPaths(nodePolicyHost, paths, { ...opts, cache })
  if ('error' in run) throw new UserError(run.error)
  if (cache && run.cacheUsed) saveLintCache(cache)
  if (opts.writeBaseline) {
    host.writeText(opts.writeBaseline, run.baseline)
    host.stderr(`regcfg lint: wrote ${run.result.findings.length} finding(s) to ${opts.writeBaseline}\n`)
    return ExitStatus.Ok
  }
  host.stdout(run.output)
  return run.failed ? ExitStatus.Findings : ExitStatus.Ok
}
