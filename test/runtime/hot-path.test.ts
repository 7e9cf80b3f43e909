import { request, type IncomingMessage } from 'node:http'
import { validateCached } from '../../src/runtime/routes/validate.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { batchedStderr } from '../../src/runtime/log.js'
import { MAX_BODY_CHARS } from '../../src/runtime/scopes/request.js'
import { mcpHeaders, REGISTRY, startRig, type Rig } from './_setup.js'

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

  it('answers a repeated request from the caches exactly as the first, full pass did, for allow and deny alike', async () => {
    const token = await rig.idp.signToken({ token_use: 'access', client_id: 'mock-web-client', username: 'carol', 'cognito:groups': ['readers'] })
    const auth = { authorization: `Bearer ${token}` }
    const cases: [Record<string, string>, number][] = [
      [mcpHeaders('currenttime', 'tools/call', 'current_time_by_timezone'), 200],
      [mcpHeaders('currenttime', 'tools/call', 'another_tool'), 403],
      [mcpHeaders('fininfo', 'tools/list'), 403],
      [{ 'x-original-url': `${REGISTRY}/currenttime/mcp`, 'x-body': '{not json' }, 400],
      [{ 'x-original-url': `${REGISTRY}/currenttime/mcp`, 'x-body-uninspectable': '1' }, 413],
      // over the body limit: the server takes the head and refuses the body (413), not node:http's bare 431
      [{ 'x-original-url': `${REGISTRY}/currenttime/mcp`, 'x-body': JSON.stringify({ method: 'tools/list', params: { pad: 'x'.repeat(MAX_BODY_CHARS) } }) }, 413],
      [{ 'x-original-url': `${REGISTRY}/currenttime/mcp`, 'x-body': '[]' }, 400],
      [{ 'x-original-url': `${REGISTRY}/currenttime/mcp`, 'x-body': '"tools/list"' }, 400],
      [{ 'x-original-url': `${REGISTRY}/api/servers` }, 200],
    ]
    const pick = (h: Record<string, string | string[] | undefined>) => Object.fromEntries(Object.entries(h).filter(([k]) => k.startsWith('x-') || k === 'content-length' || k === 'cache-control'))
    for (const [headers, status] of cases) {
      const first = await rawGet(rig.auth.url, '/validate', { ...auth, ...headers })
      const again = await rawGet(rig.auth.url, '/validate', { ...auth, ...headers })
      expect(first.status, JSON.stringify(headers)).toBe(status)
      expect(again.status).toBe(status)
      expect(pick(again.headers)).toEqual(pick(first.headers))
    }
    const ok = await rawGet(rig.auth.url, '/validate', { ...auth, ...mcpHeaders('currenttime', 'tools/call', 'current_time_by_timezone') })
    // and the repeat really came from the caches: answered without a lookup
    const fake = { url: '/validate', method: 'GET', headers: { ...auth, ...mcpHeaders('currenttime', 'tools/list') } } as unknown as IncomingMessage
    expect(validateCached(fake, rig.auth.context)?.status).toBe(200)
    expect(validateCached({ ...fake, headers: { authorization: 'Bearer not.seen.before' } } as unknown as IncomingMessage, rig.auth.context)).toBeUndefined()
    expect(ok.headers).toMatchObject({ 'x-user': 'carol', 'x-scopes': 'time-readers', 'x-server-name': 'currenttime', 'x-tool-name': 'tools/call', 'x-groups': 'readers' })
  })

  it('a cached token never answers for another spelling of the header, or with a cookie the session rule must read first', async () => {
    const token = await rig.idp.signToken({ token_use: 'access', client_id: 'mock-web-client', username: 'dave', 'cognito:groups': ['readers'] })
    const call = mcpHeaders('currenttime', 'tools/list')
    expect((await rawGet(rig.auth.url, '/validate', { authorization: `Bearer ${token}`, ...call })).status).toBe(200)
    expect((await rawGet(rig.auth.url, '/validate', { authorization: `bearer ${token}`, ...call })).status).toBe(401) // the scheme is "Bearer " exactly, as the registry's reads it
    expect((await rawGet(rig.auth.url, '/validate', { authorization: `Bearer ${token}x`, ...call })).status).toBe(401)
    expect((await rawGet(rig.auth.url, '/validate', { authorization: `Bearer ${token.slice(0, -2)}`, ...call })).status).toBe(401)
    // a cookie that is not a valid session falls through to the token, as in the full pass
    expect((await rawGet(rig.auth.url, '/validate', { authorization: `Bearer ${token}`, cookie: 'mcp_gateway_session=garbage', ...call })).status).toBe(200)
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

describe('an internal failure', () => {
  it('answers the one 500 body (never another code) and logs the class that failed', async () => {
    // a scope store handing out a document the rules cannot read: a TypeError inside the route
    const rig = await startRig('cognito', { scopeSource: { findByGroups: async () => [null as never], findByIds: async () => [null as never], mappedGroups: async () => new Set(), close: async () => {} } })
    try {
      const token = await rig.idp.signToken({ token_use: 'access', client_id: 'mock-web-client', username: 'eve', 'cognito:groups': ['readers'] })
      const r = await fetch(`${rig.auth.url}/validate`, { headers: { authorization: `Bearer ${token}`, ...mcpHeaders('currenttime', 'tools/list') } })
      expect(r.status).toBe(500)
      expect(await r.json()).toEqual({ detail: 'Internal validation error' })
      const line = rig.logs.map((l) => JSON.parse(l) as { event: string; detail?: string; code?: string }).find((l) => l.event === 'internal')
      expect(line).toMatchObject({ code: 'INTERNAL', detail: 'TypeError' })
    } finally {
      await rig.stop()
    }
  })
})
