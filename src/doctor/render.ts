/** Doctor reports as text or JSON: pure functions to a string. */
import { isProblem, type Finding } from './finding.js'
import type { DoctorReport } from './run.js'

export function renderText(r: DoctorReport): string {
  const head = `regcfg doctor (${r.provider}): ${Object.entries(r.subject).map(([k, v]) => `${k} ${v}`).join(', ')}`
  const parts = [head, ...r.findings.map(renderFinding)]
  if (r.fix) parts.push(renderFix(r.fix))
  parts.push(summary(r.findings))
  return parts.join('\n\n') + '\n'
}

function renderFinding(f: Finding): string {
  return `${f.severity} ${f.code}: ${f.message}\n  symptom: ${f.symptom}\n  fix: ${f.fix}`
}

function renderFix(fix: NonNullable<DoctorReport['fix']>): string {
  if (fix.added.length === 0) return 'fix: nothing to add; the client already has every URL and setting the spec needs.'
  const state = fix.applied ? 'written, then read back' : fix.dryRun ? 'dry run, nothing written' : 'not written'
  const lines = [`fix (${state}):`, ...fix.added.map((a) => `  ${a}`)]
  if (fix.command) lines.push('equivalent command (carries every other setting of the client, because the update resets what it omits):', fix.command)
  return lines.join('\n')
}

export function summary(fs: readonly Finding[]): string {
  const n = (s: string) => fs.filter((f) => f.severity === s).length
  return fs.some(isProblem) ? `${n('error')} error(s), ${n('warning')} warning(s)` : `no problems found${n('info') ? ` (${n('info')} note(s))` : ''}`
}

export function renderJson(r: DoctorReport): string {
  return JSON.stringify({ ok: !r.findings.some(isProblem), ...r }, null, 2) + '\n'
}
