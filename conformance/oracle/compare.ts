/**
 * One scenario on one surface: regcfg's cell against the registry's. The observations are flattened
 * to `path: value` lines (observe.ts); every line that differs, and every check the registry's server
 * failed, must be covered by a deviation row, else the comparison `differs` and the run fails.
 */
import type { Surface } from '../../src/compiler/types.js'
import { flatten } from '../observe.js'
import type { Cell } from '../types.js'
import { covers, type Deviation } from './deviations.js'

export interface Comparison {
  scenario: string
  surface: Surface
  /** same: equal observations, both passed; deviation: every difference is a row; differs: something is not. */
  status: 'same' | 'deviation' | 'differs' | 'not compared'
  /** The differences no row covers (`path: registry ≠ regcfg`, or a failed check on the registry's server). */
  uncovered: string[]
  /** The rows that explain the covered differences. */
  rows: string[]
  reason?: string
}

const RAN = new Set(['pass', 'fail', 'diff'])

export function compareCells(scenario: string, surface: Surface, provider: string, regcfg: Cell, registry: Cell, rows: readonly Deviation[]): Comparison {
  const base = { scenario, surface, uncovered: [] as string[], rows: [] as string[] }
  if (!RAN.has(registry.status) || !RAN.has(regcfg.status)) {
    if (registry.status === 'blocked') return { ...base, status: 'differs', uncovered: [`the registry's server did not start: ${registry.reason ?? ''}`] }
    return { ...base, status: 'not compared', reason: `regcfg ${regcfg.status}, registry ${registry.status}${registry.reason ? `: ${registry.reason}` : ''}` }
  }
  const a = flatten(registry.observation ?? null)
  const b = flatten(regcfg.observation ?? null)
  const differences = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).map((k) => ({ kind: 'field' as const, key: k, registry: a.get(k), regcfg: b.get(k) }))
  const failed = registry.failures.map((m) => ({ kind: 'check' as const, message: m }))
  const used = new Set<string>()
  const uncovered: string[] = []
  for (const d of [...differences, ...failed]) {
    const row = rows.find((r) => covers(r, { scenario, provider, ...d }))
    if (row) used.add(row.id)
    else uncovered.push(d.kind === 'field' ? `${d.key}: registry ${d.registry ?? '(absent)'} ≠ regcfg ${d.regcfg ?? '(absent)'}` : `registry's server failed a check: ${d.message}`)
  }
  const status = uncovered.length > 0 ? 'differs' : used.size > 0 ? 'deviation' : 'same'
  return { ...base, status, uncovered, rows: [...used] }
}
