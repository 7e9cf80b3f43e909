import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mcpHeaders, startRig, type Rig } from './_setup.js'

interface Raw {
  status: number
  /** Lower-cased names; Date left out (it differs by the second). */
  headers: Record<string, string>
  body: string
}

/** A raw connection: write bytes, read whole responses (Content-Length framed) as they come. */
function open(url: string): { socket: Socket; send(bytes: string): void; next(n?: number): Promise<Raw[]>; closed: Promise<void> } {
  const u = new URL(url)
  const socket = connect(Number(u.port), u.hostname)
  socket.setEncoding('latin1')
  let buf = ''
  let heads = 0 // answers to HEAD requests still to come: their Content-Length announces no body
  let want: { n: number; resolve: (r: Raw[]) => void; reject: (e: Error) => void } | undefined
  const got: Raw[] = []
  const pump = () => {
    for (;;) {
      const end = buf.indexOf('\r\n\r\n')
      if (end === -1) break
      const lines = buf.slice(0, end).split('\r\n')
      const headers = Object.fromEntries(lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
      const length = heads > 0 ? 0 : Number(headers['content-length'] ?? 0)
      if (heads > 0) heads--
      if (buf.length < end + 4 + length) break
      delete headers.date
      got.push({ status: Number(lines[0]!.split(' ')[1]), headers, body: buf.slice(end + 4, end + 4 + length) })
      buf = buf.slice(end + 4 + length)
    }
    if (want && got.length >= want.n) {
      const w = want
      want = undefined
      w.resolve(got.splice(0, w.n))
    }
  }
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
  socket.on('data', (d: string) => ((buf += d), pump()))
  socket.on('close', () => want?.reject(new Error(`closed with ${got.length} of ${want.n} responses`)))
  return {
    socket,
    send: (bytes) => {
      if (bytes.startsWith('HEAD ')) heads++
      socket.write(bytes, 'latin1')
    },
    next: (n = 1) => new Promise((resolve, reject) => ((want = { n, resolve, reject }), pump())),
    closed,
  }
}

const req = (headers: Record<string, string>, line = 'GET /validate HTTP/1.1') => `${line}\r\nHost: auth-server\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`

describe('the /validate lane', () => {
  let lane: Rig
  let plain: Rig
  let token: string
  beforeAll(async () => {
    lane = await startRig('cognito')
    plain = await startRig('cognito', { lane: false })
    token = await lane.idp.signToken({ token_use: 'access', client_id: 'mock-web-client', username: 'bob', 'cognito:groups': ['readers'] })
  })
  afterAll(async () => Promise.all([lane?.stop(), plain?.stop()]))

  it('answers every kind of request byte for byte as node:http alone does (Date aside)', async () => {
    const plainToken = await plain.idp.signToken({ token_use: 'access', client_id: 'mock-web-client', username: 'bob', 'cognito:groups': ['readers'] })
    const cases = (t: string): string[] => [
      req({ authorization: `Bearer ${t}`, ...mcpHeaders('currenttime', 'tools/call', 'current_time_by_timezone') }),
      req({ authorization: `Bearer ${t}`, ...mcpHeaders('currenttime', 'tools/call', 'current_time_by_timezone') }), // now from the caches
      req({ authorization: `Bearer ${t}`, ...mcpHeaders('fininfo', 'tools/list') }),
      req({ authorization: `Bearer ${t}`, 'x-original-url': 'https://registry.example.com/currenttime/mcp', 'x-body': '{nope' }),
      req({ authorization: `Bearer ${t}`, 'x-original-url': 'https://registry.example.com/currenttime/mcp', 'x-body-uninspectable': '1' }),
      req({ authorization: 'Bearer not-a-token' }),
      req({}),
      req({ authorization: `Bearer ${t}`, ...mcpHeaders('currenttime', 'tools/list') }, 'GET /validate HTTP/1.0'),
      req({ authorization: `Bearer ${t}`, ...mcpHeaders('currenttime', 'tools/list'), connection: 'close' }),
      req({ authorization: `Bearer ${t}`, ...mcpHeaders('currenttime', 'tools/list'), 'x-odd': 'caf\u00e9' }), // declined: node:http reads it
      req({}, 'GET /health HTTP/1.1'),
      req({}, 'HEAD /validate HTTP/1.1'),
      req({}, 'POST /validate HTTP/1.1'),
      req({}, 'GET /nowhere HTTP/1.1'),
      'GET /validate HTTP/1.1\r\nHost : a\r\n\r\n',
    ]
    // what a server answered to each case on its own connection (one at a time: a 401 closes its connection)
    const answers = async (rig: Rig, t: string) => {
      const out: (Raw & { closedAfter: boolean })[] = []
      for (const bytes of cases(t)) {
        const c = open(rig.auth.url)
        c.send(bytes)
        const [r] = await c.next().catch((e: Error) => { throw new Error(`${rig === lane ? 'lane' : 'node:http'}: ${JSON.stringify(bytes.slice(0, 40))}: ${e.message}`) })
        // a connection the server keeps is still open 50 ms later
        const closedAfter = await Promise.race([c.closed.then(() => true), new Promise<boolean>((ok) => setTimeout(() => ok(false), 50))])
        c.socket.destroy()
        out.push({ ...r!, closedAfter })
      }
      return out
    }
    const viaLane = await answers(lane, token)
    const viaNode = await answers(plain, plainToken)
    expect(viaLane.map((r) => r.status)).toEqual([200, 200, 403, 400, 413, 401, 401, 200, 200, 200, 200, 401, 405, 404, 400])
    expect(viaLane).toEqual(viaNode)
  })

  it('keeps pipelined answers in order when the first needs a lookup and the second does not', async () => {
    const fresh = await lane.idp.signToken({ token_use: 'access', client_id: 'mock-web-client', username: 'pipe', 'cognito:groups': ['readers'] })
    const c = open(lane.auth.url)
    // a cached token allowed, then a fresh one (verified: I/O), then a cached one denied, in one write
    await (async () => {
      c.send(req({ authorization: `Bearer ${token}`, ...mcpHeaders('currenttime', 'tools/list') }))
      await c.next()
    })()
    c.send(req({ authorization: `Bearer ${fresh}`, ...mcpHeaders('currenttime', 'tools/list') }) + req({ authorization: `Bearer ${token}`, ...mcpHeaders('fininfo', 'tools/list') }) + req({ authorization: `Bearer ${token}`, ...mcpHeaders('currenttime', 'initialize') }))
    const [a, b, d] = await c.next(3)
    expect([a!.status, b!.status, d!.status]).toEqual([200, 403, 200])
    expect(a!.headers['x-user']).toBe('pipe')
    expect(d!.headers['x-user']).toBe('bob')
    c.socket.destroy()
  })

  it('hands a connection to node:http at its first other request, answers owed first, and node:http keeps it', async () => {
    const c = open(lane.auth.url)
    c.send(req({ authorization: `Bearer ${token}`, ...mcpHeaders('currenttime', 'tools/list') }) + req({}, 'GET /health HTTP/1.1') + req({ authorization: `Bearer ${token}`, ...mcpHeaders('currenttime', 'tools/list') }))
    const [v1, health, v2] = await c.next(3)
    expect(v1!.status).toBe(200)
    expect(health!.status).toBe(200)
    expect(JSON.parse(health!.body)).toMatchObject({ status: 'healthy' })
    expect(v2!.status).toBe(200)
    expect(v2!.headers['x-user']).toBe('bob')
    // a body after the hand-over is node:http's to read, split across writes
    c.send('GET /oauth2/providers HTTP/1.1\r\nHost: a\r\nContent-Le')
    await new Promise((r) => setTimeout(r, 20))
    c.send('ngth: 3\r\n\r\nabc')
    const [providers] = await c.next()
    expect(providers!.status).toBe(200)
    c.socket.destroy()
  })

  it('reads a head split across many writes, one byte at a time', async () => {
    const c = open(lane.auth.url)
    const bytes = req({ authorization: `Bearer ${token}`, ...mcpHeaders('currenttime', 'tools/list') })
    for (const ch of bytes.slice(0, 40)) c.send(ch)
    c.send(bytes.slice(40))
    const [r] = await c.next()
    expect(r!.status).toBe(200)
    c.socket.destroy()
  })

  it('hands over a request of another kind whose request line came split across writes', async () => {
    const c = open(lane.auth.url)
    c.send('GE')
    await new Promise((r) => setTimeout(r, 20))
    c.send('T /health HTTP/1.1\r\nHo')
    await new Promise((r) => setTimeout(r, 20))
    c.send('st: a\r\n\r\n')
    const [r] = await c.next()
    expect(r!.status).toBe(200)
    expect(JSON.parse(r!.body)).toMatchObject({ status: 'healthy' })
    c.socket.destroy()
  })

  it('answers a request whose client already closed its side, then closes', async () => {
    const c = open(lane.auth.url)
    c.socket.end(req({ authorization: `Bearer ${token}`, ...mcpHeaders('currenttime', 'tools/list') }), 'latin1')
    const [r] = await c.next()
    expect(r!.status).toBe(200)
    await c.closed
  })

  it('writes one log line per answer, for the lane and for node:http alike', async () => {
    const before = lane.logs.length
    const c = open(lane.auth.url)
    c.send(req({ authorization: `Bearer ${token}`, ...mcpHeaders('currenttime', 'tools/list') }) + req({}, 'GET /health HTTP/1.1'))
    await c.next(2)
    c.socket.destroy()
    await new Promise((r) => setTimeout(r, 20))
    const lines = lane.logs.slice(before).map((l) => JSON.parse(l) as { path: string; status: number; user?: string })
    expect(lines.map((l) => [l.path, l.status])).toEqual([['/validate', 200], ['/health', 200]])
    expect(lines[0]!.user).toBe('bob')
    expect(lane.logs.slice(before).join('\n')).not.toContain(token)
  })

  it('closes a connection whose head trickles in for longer than the headers timeout, as node:http does', async () => {
    const rig = await startRig('cognito', { headersTimeoutMs: 1_200 })
    try {
      const slow = open(rig.auth.url)
      const bytes = req({})
      let i = 0
      const drip = setInterval(() => i < bytes.length - 4 && slow.send(bytes[i++]!), 100) // never idle 5 s, never complete
      const t0 = Date.now()
      await slow.closed
      clearInterval(drip)
      expect(Date.now() - t0).toBeGreaterThan(1_000)
      expect(Date.now() - t0).toBeLessThan(4_000)
    } finally {
      await rig.stop()
    }
  })

  it('closes connections idle for the keep-alive timeout, and all of them when the server stops', async () => {
    const rig = await startRig('cognito', { keepAliveMs: 300 })
    try {
      const own = await rig.idp.signToken({ token_use: 'access', client_id: 'mock-web-client', username: 'idle', 'cognito:groups': ['readers'] })
      const idle = open(rig.auth.url)
      idle.send(req({ authorization: `Bearer ${own}`, ...mcpHeaders('currenttime', 'tools/list') }))
      expect((await idle.next())[0]!.status).toBe(200)
      const t0 = Date.now()
      await idle.closed
      expect(Date.now() - t0).toBeLessThan(3_000)
      const kept = open(rig.auth.url)
      kept.send(req({}, 'GET /health HTTP/1.1'))
      await kept.next()
      await rig.stop()
      await kept.closed
    } finally {
      await rig.stop().catch(() => {})
    }
  })
})
