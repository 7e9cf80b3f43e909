import type { LintResult } from '../lint.js'

/** The whole result as JSON: findings (masked messages, fingerprints), suppression counts and the files read. */
export function renderJson(result: LintResult): string {
  return JSON.stringify({ findings: result.findings, suppressed: result.suppressed, files: result.files }, null, 2) + '\n'
}
