import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { batchedStderr } from '../../src/runtime/log.js'
import { mcpHeaders, startRig, type Rig } from './_setup.js'

/** A raw GET (fetch would normalise the path) → status and headers. */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  const u = new URL(base)
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, headers }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('/validate hot path', () => {
  let rig: Rig
  beforeAll(async () => {
    rig = await startRig('cognito')
  })
  afterAll(async () => rig?.stop())

  it('answers with Content-Length, never chunked (nginx keeps auth_request connections alive only then)', async () => {
    const token = await rig.idp.signToken({ token_use: 'access', client_id: 'mock-web-client', username: 'bob', 'cognito:groups': ['readers'] })
    const ok = await rawGet(rig.auth.url, '/validate', { authorization: `Bearer ${token}`, ...mcpHeaders('currenttime', 'tools/list') })
    expect(ok.status).toBe(200)
    expect(ok.headers['content-length']).toBe('0')
    expect(ok.headers['transfer-encoding']).toBeUndefined()
    const denied = await rawGet(rig.auth.url, '/validate')
    expect(denied.status).toBe(401)
    expect(Number(denied.headers['content-length'])).toBeGreaterThan(0)
    expect(denied.headers['transfer-encoding']).toBeUndefined()
  })

  it('routes exactly as URL parsing would: query strings, dot segments, escapes and fragments', async () => {
    expect((await rawGet(rig.auth.url, '/health?probe=1')).status).toBe(200)
    expect((await rawGet(rig.auth.url, '/x/../health')).status).toBe(200)
    expect((await rawGet(rig.auth.url, '/%68ealth')).status).toBe(404) // URL keeps %68 escaped, as before
    expect((await rawGet(rig.auth.url, '/health#frag')).status).toBe(200)
    expect((await rawGet(rig.auth.url, '/healthz')).status).toBe(404)
    expect((await rawGet(rig.auth.url, '/validate/')).status).toBe(404)
  })
})

describe('batched stderr log sink', () => {
  it('writes the lines of one event-loop turn in one chunk, in order', async () => {
    const chunks: string[] = []
    const sink = batchedStderr((c) => chunks.push(c))
    sink('{"a":1}')
    sink('{"b":2}')
    expect(chunks).toEqual([])
    await new Promise((r) => setImmediate(r))
    expect(chunks).toEqual(['{"a":1}\n{"b":2}\n'])
    sink('{"c":3}')
    await new Promise((r) => setImmediate(r))
    expect(chunks).toEqual(['{"a":1}\n{"b":2}\n', '{"c":3}\n'])
  })
})
