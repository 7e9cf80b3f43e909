import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { defaultRegistryDir } from '../../../conformance/harness/registry-auth-server.js'
import { describe, expect, it } from 'vitest'
import { covers, DIFFERENTIAL_SCENARIOS, loadDeviations, renderDeviations } from '../../../conformance/oracle/deviations.js'
import { SCENARIOS } from '../../../conformance/scenarios/index.js'
import { compareCells } from '../../../conformance/oracle/compare.js'

describe('the deviation table', () => {
  const rows = loadDeviations()

  it('docs/deviations.md is rendered from conformance/oracle/deviations.yaml', () => {
    if (process.env.REGCFG_WRITE_DEVIATIONS) writeFileSync('docs/deviations.md', renderDeviations(rows))
    expect(readFileSync('docs/deviations.md', 'utf8')).toBe(renderDeviations(rows))
  })

  it('every row names real scenarios, says what each server does and why, and cites the registry by file:line', () => {
    const ids = new Set<string>([...SCENARIOS.map((s) => s.id), ...DIFFERENTIAL_SCENARIOS])
    for (const r of rows) {
      for (const s of r.scenarios) expect(s === '*' || ids.has(s), `${r.id}: scenario ${s}`).toBe(true)
      for (const c of r.cite) expect(c, r.id).toMatch(/^[\w./-]+:\d+$/)
      const registry = defaultRegistryDir()
      if (!existsSync(registry)) continue
      for (const c of r.cite) {
        const [file, line] = c.split(':')
        const text = readFileSync(join(registry, file!), 'utf8').split('\n')
        expect(text.length, c).toBeGreaterThanOrEqual(Number(line))
      }
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
  })

  it('a row covers only its scenario, its fields and its checks; anything else differs', () => {
    const row = rows.find((r) => r.id === 'validate-200-body')!
    expect(covers(row, { scenario: 'nginx-front', provider: 'keycloak', kind: 'field', key: 'keepalive' })).toBe(true)
    expect(covers(row, { scenario: 'nginx-front', provider: 'keycloak', kind: 'field', key: 'allowed.status' })).toBe(false)
    expect(covers(row, { scenario: 'logout', provider: 'keycloak', kind: 'field', key: 'keepalive' })).toBe(false)
    const cell = (o: Record<string, unknown>) => ({ status: 'pass' as const, failures: [], observation: o as never })
    expect(compareCells('nginx-front', 'env', 'keycloak', cell({ keepalive: true, a: 1 }), cell({ keepalive: false, a: 1 }), rows)).toMatchObject({ status: 'deviation', rows: ['validate-200-body'] })
    expect(compareCells('nginx-front', 'env', 'keycloak', cell({ keepalive: true, a: 1 }), cell({ keepalive: false, a: 2 }), rows)).toMatchObject({ status: 'differs', uncovered: ['a: registry 2 ≠ regcfg 1'] })
    expect(compareCells('nginx-front', 'env', 'keycloak', cell({ a: 1 }), cell({ a: 1 }), rows)).toMatchObject({ status: 'same' })
  })
})
