import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/runtime/log.js'

describe('request log lines', () => {
  it('are one JSON object each: time, level, then the fields', () => {
    const lines: string[] = []
    const log = createLogger((l) => lines.push(l))
    log.info({ event: 'request', method: 'GET', path: '/validate', status: 200, ms: 1, user: 'a"b\\c' })
    log.error({} as never)
    const first = JSON.parse(lines[0]!)
    expect(Object.keys(first)).toEqual(['time', 'level', 'event', 'method', 'path', 'status', 'ms', 'user'])
    expect(first).toMatchObject({ level: 'info', user: 'a"b\\c' })
    expect(new Date(first.time).toISOString()).toBe(first.time)
    expect(JSON.parse(lines[1]!)).toEqual({ time: expect.any(String), level: 'error' })
  })
})
