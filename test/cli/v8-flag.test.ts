import { describe, expect, it } from 'vitest'
import { SERVER_HEAP_GROWING_PERCENT, serverHeapGrowth } from '../../src/cli/heap-growth.js'
import { SHORT_RUN_FILES, shortRunTiering } from '../../src/cli/tiering.js'

/** V8 flags set for part of a run (v8-flag.ts): each set is recorded instead of reaching V8. */
const record = () => {
  const set: string[] = []
  return { set, flag: (f: string) => void set.push(f) }
}

describe('shortRunTiering', () => {
  it('caps V8 at Sparkplug for a short run, and end() gives every tier back', () => {
    const r = record()
    const t = shortRunTiering(1_000, '', r.flag)
    expect(r.set).toEqual(['--no-opt'])
    t.end()
    expect(r.set).toEqual(['--no-opt', '--opt'])
  })

  it('leaves V8 alone for a long run', () => {
    const r = record()
    shortRunTiering(SHORT_RUN_FILES + 1, '', r.flag).end()
    expect(r.set).toEqual([])
  })

  it.each(['--max-opt=3', '--no-opt', '--turbofan', '--jitless', '--maglev', '--no-sparkplug'])('leaves V8 alone when the user set %s', (flag) => {
    const r = record()
    shortRunTiering(10, `--enable-source-maps ${flag}`, r.flag).end()
    expect(r.set).toEqual([])
  })
})

describe('serverHeapGrowth', () => {
  it('bounds the old generation for the server, and end() gives V8 its default back', () => {
    const r = record()
    const h = serverHeapGrowth('', r.flag)
    expect(r.set).toEqual([`--heap-growing-percent=${SERVER_HEAP_GROWING_PERCENT}`])
    h.end()
    expect(r.set).toEqual([`--heap-growing-percent=${SERVER_HEAP_GROWING_PERCENT}`, '--heap-growing-percent=0'])
  })

  it.each(['--heap-growing-percent=20', '--max-old-space-size=512', '--max-semi-space-size=8', '--predictable-gc-schedule'])('leaves V8 alone when the user set %s', (flag) => {
    const r = record()
    serverHeapGrowth(`--enable-source-maps ${flag}`, r.flag).end()
    expect(r.set).toEqual([])
  })
})
