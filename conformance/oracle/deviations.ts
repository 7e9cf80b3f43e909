/**
 * The deviation table: where regcfg's auth-server answers differently from the registry's on purpose
 * (a registry bug regcfg fixes), one row each with what the registry does, what regcfg does, why, and
 * the registry's code that shows it. conformance/oracle/deviations.yaml is the table; docs/deviations.md
 * is rendered from it (`renderDeviations`, held equal by a test), so the doc and the check are one list.
 *
 * A row covers a difference in one scenario (or `*`) for some providers (default all):
 *   fields  glob patterns over the flattened observation paths (`*` = one path segment, `**` = any)
 *   checks  substrings of a check message the registry's server failed
 */
import { parse } from 'yaml'
import DEVIATIONS_TEXT from './deviations.yaml'

export interface Deviation {
  id: string
  scenarios: string[]
  providers?: string[]
  fields?: string[]
  checks?: string[]
  registry: string
  regcfg: string
  why: string
  /** file:line in the registry's checkout (1.29.0). */
  cite: string[]
}

/**
 * Besides scenario ids, the names the differential property test (test/conformance/oracle/differential.test.ts)
 * gives its /validate requests: `differential:batch` and `differential:no-method` for those body shapes,
 * else `differential:groups` when the token carries groups, else `differential`.
 */
export const DIFFERENTIAL_SCENARIOS = ['differential', 'differential:groups', 'differential:batch', 'differential:no-method'] as const

const DEVIATIONS_FILE = 'conformance/oracle/deviations.yaml'

/** The table (bundled with the code as its text: the built CLI has no conformance/ folder beside it). */
export function loadDeviations(text: string = DEVIATIONS_TEXT, file = DEVIATIONS_FILE): Deviation[] {
  const doc = parse(text) as { deviations?: Deviation[] }
  const rows = doc.deviations ?? []
  for (const r of rows) {
    const missing = (['id', 'scenarios', 'registry', 'regcfg', 'why', 'cite'] as const).filter((k) => r[k] === undefined || (Array.isArray(r[k]) && r[k].length === 0))
    if (missing.length > 0 || (!r.fields?.length && !r.checks?.length)) throw new Error(`${file}: deviation ${r.id ?? '(no id)'} lacks ${[...missing, ...(!r.fields?.length && !r.checks?.length ? ['fields or checks'] : [])].join(', ')}`)
  }
  return rows
}

export type Difference = { scenario: string; provider: string } & ({ kind: 'field'; key: string } | { kind: 'check'; message: string })

const globRe = (g: string): RegExp => new RegExp(`^${g.split('**').map((part) => part.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^.]*')).join('.*')}$`)

export function covers(row: Deviation, d: Difference): boolean {
  if (!row.scenarios.includes('*') && !row.scenarios.includes(d.scenario)) return false
  if (row.providers && !row.providers.includes(d.provider)) return false
  if (d.kind === 'field') return (row.fields ?? []).some((g) => globRe(g).test(d.key))
  return (row.checks ?? []).some((c) => d.message.includes(c))
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** docs/deviations.md. */
export function renderDeviations(rows: readonly Deviation[]): string {
  return [
    '# Deviations from the registry\'s auth-server',
    '',
    '<!-- rendered from conformance/oracle/deviations.yaml (edit that, then: REGCFG_WRITE_DEVIATIONS=1 npx vitest run test/conformance/oracle/deviations.test.ts) -->',
    '',
    '`regcfg conformance SPEC --registry DIR --oracle` runs every scenario on the registry\'s own auth-server',
    'too, from the same surface environment, and fails on any difference that is not a row here. Each row is',
    'a registry bug that regcfg fixes, with the registry\'s code (1.29.0) that shows it.',
    '',
    '| id | scenarios | the registry | regcfg | why | registry code |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.id} | ${r.scenarios.join(', ')}${r.providers ? ` (${r.providers.join(', ')})` : ''} | ${cell(r.registry)} | ${cell(r.regcfg)} | ${cell(r.why)} | ${r.cite.map((c) => `\`${c}\``).join(', ')} |`),
    '',
  ].join('\n')
}
