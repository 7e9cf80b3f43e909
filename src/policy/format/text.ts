import type { LintResult } from '../lint.js'
import type { Finding } from '../types.js'

/** path:line:col: severity RULE [surface] subject: message, then the fix. No source line: it could show the secret. */
export function renderText(result: LintResult, display: (path: string) => string = (p) => p): string {
  const body = result.findings.map((f) => renderOne(f, display(f.path)))
  return [...body, summary(result)].join('\n') + '\n'
}

function renderOne(f: Finding, where: string): string {
  return `${where}:${f.line}:${f.column}: ${f.severity} ${f.rule} [${f.place}] ${f.subject}: ${f.message}\n  fix: ${f.fix}`
}

export function summary(result: LintResult): string {
  const n = (s: string) => result.findings.filter((f) => f.severity === s).length
  const { inline, baseline } = result.suppressed
  const hidden = inline + baseline > 0 ? `; ${inline} suppressed inline, ${baseline} by the baseline` : ''
  return `regcfg lint: ${result.files.length} surface file(s), ${n('error')} error(s), ${n('warning')} warning(s), ${n('info')} info${hidden}`
}
