import { describe, expect, it } from 'vitest'
import { parameterMap } from '../../src/compiler/map.js'
import { SURFACES } from '../../src/compiler/types.js'
import { TARGETS } from '../../targets/index.js'

describe('the target table', () => {
  it('has one row per surface of the parameter map, in SURFACES order', () => {
    expect(TARGETS.map((t) => t.surface)).toEqual([...SURFACES])
    for (const p of parameterMap().parameters) expect(Object.keys(p.surfaces).sort(), p.id).toEqual([...SURFACES].sort())
  })

  it('gives each surface its own check flag, and the stack alone reads subcharts', () => {
    expect(new Set(TARGETS.map((t) => t.checkFlag)).size).toBe(TARGETS.length)
    expect(TARGETS.filter((t) => t.subcharts)).toHaveLength(1)
  })
})
