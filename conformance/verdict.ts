/**
 * The verdict: a scenario × surface matrix. A cell fails on its own checks; then the observations of
 * every scenario are compared across surfaces, and a surface that behaves differently from the
 * majority (ties: from the first surface) is a `diff` with the differing fields, even when each
 * surface passed its own checks.
 */
import type { Surface } from '../src/compiler/types.js'
import { flatten } from './observe.js'
import type { Cell } from './types.js'

export interface Difference {
  scenario: string
  surface: Surface
  reference: Surface[]
  lines: string[]
}

export interface Verdict {
  surfaces: Surface[]
  scenarios: string[]
  cells: Map<string, Map<Surface, Cell>>
  differences: Difference[]
  /** Every failing (scenario, surface) with its messages: own checks, differences, blocked starts. */
  failures: { scenario: string; surface: Surface; messages: string[] }[]
  ok: boolean
}

function diffLines(ref: Cell, other: Cell): string[] {
  const a = flatten(ref.observation ?? null)
  const b = flatten(other.observation ?? null)
  const keys = [...new Set([...a.keys(), ...b.keys()])]
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => `${k}: ${a.get(k) ?? '(absent)'} ≠ ${b.get(k) ?? '(absent)'}`)
}

function compare(scenario: string, row: Map<Surface, Cell>, order: Surface[]): Difference[] {
  const groups = new Map<string, Surface[]>()
  for (const s of order) {
    const c = row.get(s)
    if (!c?.observation || (c.status !== 'pass' && c.status !== 'fail')) continue
    const key = JSON.stringify(c.observation)
    groups.set(key, [...(groups.get(key) ?? []), s])
  }
  if (groups.size < 2) return []
  const ref = [...groups.values()].sort((x, y) => y.length - x.length || order.indexOf(x[0]!) - order.indexOf(y[0]!))[0]!
  const out: Difference[] = []
  for (const members of groups.values()) {
    if (members === ref) continue
    for (const s of members) out.push({ scenario, surface: s, reference: ref, lines: diffLines(row.get(ref[0]!)!, row.get(s)!) })
  }
  return out
}

export function decide(scenarios: string[], surfaces: Surface[], cells: Map<string, Map<Surface, Cell>>): Verdict {
  const differences = scenarios.flatMap((id) => compare(id, cells.get(id)!, surfaces))
  for (const d of differences) cells.get(d.scenario)!.get(d.surface)!.status = 'diff'
  const failures: Verdict['failures'] = []
  for (const id of scenarios) {
    for (const s of surfaces) {
      const c = cells.get(id)!.get(s)!
      if (c.status !== 'fail' && c.status !== 'diff' && c.status !== 'blocked') continue
      const diff = differences.find((d) => d.scenario === id && d.surface === s)
      const messages = [...c.failures, ...(c.reason && c.status === 'blocked' ? [c.reason] : []), ...(diff ? [`differs from ${diff.reference.join(', ')}:`, ...diff.lines.map((l) => `  ${l}`)] : [])]
      failures.push({ scenario: id, surface: s, messages })
    }
  }
  return { surfaces, scenarios, cells, differences, failures, ok: failures.length === 0 }
}

const MARK: Record<Cell['status'], string> = { pass: 'pass', fail: 'FAIL', diff: 'DIFF', skip: 'skip', 'n/a': 'n/a', blocked: 'BLOCKED' }

/** The matrix as a text table, then every failure with its messages. */
export function renderVerdict(v: Verdict, title = ''): string {
  const w0 = Math.max(8, ...v.scenarios.map((s) => s.length))
  const widths = v.surfaces.map((s) => Math.max(s.length, 7))
  const line = (first: string, rest: string[]) => [first.padEnd(w0), ...rest.map((r, i) => r.padEnd(widths[i]!))].join('  ').trimEnd()
  const rows = [line('scenario', v.surfaces), line('-'.repeat(w0), widths.map((w) => '-'.repeat(w)))]
  for (const id of v.scenarios) rows.push(line(id, v.surfaces.map((s) => MARK[v.cells.get(id)!.get(s)!.status])))
  const notes = v.scenarios.flatMap((id) => v.surfaces.flatMap((s) => {
    const c = v.cells.get(id)!.get(s)!
    return c.status === 'skip' || c.status === 'n/a' ? [`  ${id}/${s}: ${c.status}: ${c.reason}`] : []
  }))
  const fails = v.failures.map((f) => `  ${f.scenario}/${f.surface}:\n${f.messages.map((m) => `    ${m}`).join('\n')}`)
  return [title, ...rows, ...(notes.length ? ['', 'not run:', ...dedupe(notes)] : []), ...(fails.length ? ['', 'failures:', ...fails] : []), '', v.ok ? 'verdict: every surface passes and behaves the same' : `verdict: ${v.failures.length} failing cell(s)`]
    .filter((l, i) => i > 0 || l !== '').join('\n')
}

const dedupe = (xs: string[]) => [...new Set(xs)]

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** JUnit XML: one testsuite per spec, one testcase per scenario × surface. */
export function renderJunit(runs: { name: string; verdict?: Verdict; skipped?: string }[]): string {
  const suites = runs.map(({ name, verdict: v, skipped }) => {
    if (!v) return `  <testsuite name="${xml(name)}" tests="1" failures="0" skipped="1">\n    <testcase classname="${xml(name)}" name="suite"><skipped message="${xml(skipped ?? '')}"/></testcase>\n  </testsuite>`
    const cases = v.scenarios.flatMap((id) => v.surfaces.map((s) => {
      const c = v.cells.get(id)!.get(s)!
      const f = v.failures.find((x) => x.scenario === id && x.surface === s)
      const body = f ? `<failure message="${xml(f.messages[0] ?? c.status)}">${xml(f.messages.join('\n'))}</failure>` : c.status === 'skip' || c.status === 'n/a' ? `<skipped message="${xml(c.reason ?? '')}"/>` : ''
      return `    <testcase classname="${xml(`${name}.${id}`)}" name="${s}">${body}</testcase>`
    }))
    const count = (pred: (c: { status: string }) => boolean) => v.scenarios.flatMap((id) => v.surfaces.map((s) => v.cells.get(id)!.get(s)!)).filter(pred).length
    return `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${v.failures.length}" skipped="${count((c) => c.status === 'skip' || c.status === 'n/a')}">\n${cases.join('\n')}\n  </testsuite>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="regcfg conformance">\n${suites.join('\n')}\n</testsuites>\n`
}
