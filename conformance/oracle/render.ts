/**
 * The matrix with the oracle: for each surface, regcfg's cell and the registry's server's cell beside
 * it, and below, every difference from regcfg that no deviation row covers and every row that was used.
 */
import type { Verdict } from '../verdict.js'
import type { OracleVerdict } from './run.js'

const MARK: Record<string, string> = { pass: 'pass', fail: 'FAIL', diff: 'DIFF', skip: 'skip', 'n/a': 'n/a', blocked: 'BLOCKED' }
const CMP: Record<string, string> = { same: '=', deviation: '~', differs: '≠', 'not compared': ' ' }

export function renderWithOracle(v: Verdict, o: OracleVerdict): string {
  const cols = v.surfaces.flatMap((s) => [s, `${s}:registry`])
  const w0 = Math.max(8, ...v.scenarios.map((s) => s.length))
  const widths = cols.map((c) => Math.max(c.length, 8))
  const line = (first: string, rest: string[]) => [first.padEnd(w0), ...rest.map((r, i) => r.padEnd(widths[i]!))].join('  ').trimEnd()
  const rows = [line('scenario', cols), line('-'.repeat(w0), widths.map((w) => '-'.repeat(w)))]
  for (const id of v.scenarios) {
    rows.push(line(id, v.surfaces.flatMap((s) => {
      const c = o.comparisons.find((x) => x.scenario === id && x.surface === s)
      const mine = v.cells.get(id)!.get(s)!.status
      const theirs = o.verdict.cells.get(id)!.get(s)!.status
      return [MARK[mine]!, `${MARK[theirs]!} ${c ? CMP[c.status]! : ''}`.trimEnd()]
    })))
  }
  const differs = o.comparisons.filter((c) => c.status === 'differs').map((c) => `  ${c.scenario}/${c.surface}: regcfg ≠ the registry's server\n${c.uncovered.map((u) => `    ${u}`).join('\n')}`)
  const used = [...new Set(o.comparisons.flatMap((c) => c.rows))].sort()
  const own = o.verdict.failures.map((f) => `  ${f.scenario}/${f.surface}:registry:\n${f.messages.map((m) => `    ${m}`).join('\n')}`)
  return [
    'with the registry\'s own auth-server (":registry"; = same, ~ only documented deviations, ≠ differs):',
    ...rows,
    ...(o.unavailable ? ['', `oracle not run: ${o.unavailable}`] : []),
    ...(used.length ? ['', `deviations that applied (docs/deviations.md): ${used.join(', ')}`] : []),
    ...(differs.length ? ['', 'differences from the registry\'s server:', ...differs] : []),
    ...(own.length ? ['', 'the registry\'s server across surfaces / its own checks:', ...own] : []),
    '',
    o.ok ? 'oracle: regcfg answers as the registry\'s auth-server on every surface (up to docs/deviations.md)' : `oracle: ${o.comparisons.filter((c) => c.status === 'differs').length} difference(s), ${o.verdict.failures.length} failing registry cell(s)`,
  ].join('\n')
}
