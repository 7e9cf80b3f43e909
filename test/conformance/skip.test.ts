import { describe, expect, it } from 'vitest'
import { SCENARIOS } from '../../conformance/scenarios/index.js'
import { SKIP } from '../../conformance/skip.js'
import { SURFACES } from '../../src/compiler/types.js'
import { readdirSync } from 'node:fs'

describe('conformance scenario list and skip map', () => {
  it('every skip entry names a known scenario/surface and gives a reason', () => {
    for (const [key, reason] of Object.entries(SKIP)) {
      const [id, surface] = key.split('/')
      expect(SCENARIOS.map((s) => s.id), key).toContain(id)
      expect(SURFACES, key).toContain(surface)
      expect(reason.trim().length, key).toBeGreaterThan(10)
    }
  })

  it('one file per scenario, named by its id', () => {
    const files = readdirSync('conformance/scenarios').filter((f) => f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')).sort()
    expect(files).toEqual(SCENARIOS.map((s) => s.id).sort())
  })
})
