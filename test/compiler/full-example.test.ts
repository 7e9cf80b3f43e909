/**
 * examples/full.yaml shows every group of the parameter map: a group added to the map without a
 * parameter set here fails this test. It validates, and compiles on every surface without errors.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/compiler/index.js'
import { emitSurfaces } from '../../src/surfaces/emit.js'
import { parameterMap } from '../../src/compiler/map.js'
import { lookup } from '../../src/compiler/resolve.js'
import { isSecretRef, SURFACES, type ParameterId } from '../../src/compiler/types.js'

const FILE = 'examples/full.yaml'
const a = analyze(FILE, readFileSync(FILE, 'utf8'))
const written = (id: ParameterId) => a.resolved !== undefined && lookup(a.resolved.spec, id) !== undefined

describe(FILE, () => {
  it('validates without errors', () => {
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('sets at least one parameter of every group of the map', () => {
    const map = parameterMap()
    const shown = map.groups.filter((g) => map.parameters.some((p) => p.group === g.id && written(p.id)))
    expect(map.groups.filter((g) => !shown.includes(g)).map((g) => `${g.id} (${g.title})`)).toEqual([])
  })

  it('has every top-level section the map has', () => {
    const sections = [...new Set(parameterMap().parameters.filter((p) => p.spec !== false).map((p) => p.id.split('.')[0]!))]
    expect(sections.length).toBeGreaterThanOrEqual(11)
    expect(sections.filter((s) => !(s in (a.resolved!.spec as unknown as Record<string, unknown>)))).toEqual([])
  })

  it('holds secrets only as { env: NAME } references', () => {
    const secrets = parameterMap().parameters.filter((p) => p.secret && written(p.id))
    expect(secrets.length).toBeGreaterThan(10)
    for (const p of secrets) expect(Object.keys(lookup(a.resolved!.spec, p.id) as object), p.id).toEqual(['env'])
  })

  it('compiles on every surface without errors', () => {
    const secrets = new Map([...a.params!].filter(([, v]) => isSecretRef(v)).map(([id]) => [id, `stand-in-${id}-0123456789abcdef0123456789`]))
    const out = emitSurfaces(a, SURFACES, { secrets, writeSecrets: true, envSecretName: 'auth-server-env', specName: FILE })
    for (const s of SURFACES) {
      expect(out.get(s)!.diagnostics.filter((d) => d.severity === 'error'), s).toEqual([])
      expect(out.get(s)!.files.length, s).toBeGreaterThan(0)
    }
  })
})
