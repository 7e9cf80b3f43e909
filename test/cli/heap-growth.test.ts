import { describe, expect, it } from 'vitest'
import { SERVER_HEAP_GROWING_PERCENT, serverHeapGrowth } from '../../src/cli/heap-growth.js'

describe('serverHeapGrowth', () => {
  const record = () => {
    const set: string[] = []
    return { set, flag: (f: string) => void set.push(f) }
  }

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
