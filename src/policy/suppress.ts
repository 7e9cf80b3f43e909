import { hash } from 'node:crypto'
import { byText } from './order.js'
import type { Finding, Rule } from './types.js'

/**
 * A finding's identity across edits: rule, place (surface), file and parameter, never the line,
 * so a baseline survives reformatting and the same secret in another file is a new finding.
 */
export function fingerprint(rule: string, place: string, path: string, subject: string): string {
  // crypto.hash (Node ≥ 20.12; engines asks ≥ 20.19) is the one-shot form: no Hash object per finding
  return hash('sha256', `${rule}\0${place}\0${path}\0${subject}`, 'hex').slice(0, 32)
}

/** What every suppression comment holds (IGNORE matches only where it is). */
export const IGNORE_MARKER = 'regcfg-ignore'
const IGNORE = /regcfg-ignore[:\s]+([A-Za-z0-9_, -]+)/

/** `# regcfg-ignore RC5001` (ids or names, comma or space separated) on the finding's own line. */
export function ignoredInline(lineText: string | undefined, rule: Rule): boolean {
  const m = lineText === undefined ? null : IGNORE.exec(lineText)
  if (!m) return false
  const ids = m[1]!.split(/[\s,]+/).filter(Boolean)
  return ids.includes(rule.id) || ids.includes(rule.name)
}

export interface BaselineEntry {
  fingerprint: string
  rule: string
  place: string
  path: string
  subject: string
}

export interface Baseline {
  version: 1
  findings: BaselineEntry[]
}

/** The baseline file for these findings: readable, sorted, no values. */
export function renderBaseline(findings: readonly Finding[]): string {
  const seen = new Map<string, BaselineEntry>()
  for (const f of findings) seen.set(f.fingerprint, { fingerprint: f.fingerprint, rule: f.rule, place: f.place, path: f.path, subject: f.subject })
  const sorted = [...seen.values()].sort((a, b) => byText(a.path, b.path) || byText(a.rule, b.rule) || byText(a.subject, b.subject))
  return JSON.stringify({ version: 1, findings: sorted } satisfies Baseline, null, 2) + '\n'
}

/** The fingerprints a baseline file accepts, or a reason it cannot be read. */
export function parseBaseline(text: string): Set<string> | { error: string } {
  try {
    const b = JSON.parse(text) as Partial<Baseline>
    if (b.version !== 1 || !Array.isArray(b.findings)) return { error: 'not a regcfg baseline (expected { "version": 1, "findings": [...] })' }
    return new Set(b.findings.map((f) => String(f.fingerprint)))
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}` }
  }
}
