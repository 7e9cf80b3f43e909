import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_HEAD, readValidateHead } from '../../src/runtime/http1/validate-head.js'

const HEAD = 'GET /validate HTTP/1.1\r\nHost: auth-server:8888\r\nAuthorization: Bearer abc.def.ghi\r\nX-Original-URL: https://r.example.com/currenttime/mcp\r\nX-Body: {"jsonrpc":"2.0","id":1,"method":"tools/list"}\r\n\r\n'

const head = (s: string) => {
  const r = readValidateHead(s, 0)
  if (r.kind !== 'head') throw new Error(`expected a head, got ${r.kind}`)
  return r
}

describe('readValidateHead', () => {
  it('reads nginx’s subrequest head: lower-cased names, trimmed values, keep-alive, the offset past the blank line', () => {
    const r = head(HEAD)
    expect(r.end).toBe(HEAD.length)
    expect(r.head).toMatchObject({ method: 'GET', url: '/validate', keepAlive: true })
    expect({ ...r.head.headers }).toEqual({
      host: 'auth-server:8888',
      authorization: 'Bearer abc.def.ghi',
      'x-original-url': 'https://r.example.com/currenttime/mcp',
      'x-body': '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
    })
    expect(head('GET /validate HTTP/1.1\r\nHost: a\r\nX-A:\t  v  w \t\r\nX-B:\r\n\r\n').head.headers).toMatchObject({ 'x-a': 'v  w', 'x-b': '' })
  })

  it('reads pipelined requests one after the other, from an offset', () => {
    const two = HEAD + HEAD.replace('tools/list', 'tools/call')
    const a = head(two)
    const b = readValidateHead(two, a.end)
    expect(b.kind === 'head' && b.head.headers['x-body']).toContain('tools/call')
    expect(b.kind === 'head' && b.end).toBe(two.length)
  })

  it('says partial while a prefix could still become a head it takes, and declines as soon as it cannot', () => {
    for (let n = 0; n < HEAD.length - 1; n++) expect(readValidateHead(HEAD.slice(0, n), 0).kind, `prefix of ${n}`).toBe('partial')
    expect(readValidateHead('GET /health HTTP/1.1\r\n', 0).kind).toBe('decline')
    expect(readValidateHead('POST', 0).kind).toBe('decline')
    expect(readValidateHead(`GET /validate HTTP/1.1\r\nX-Pad: ${'a'.repeat(MAX_HEAD)}`, 0).kind).toBe('decline')
  })

  it('keeps the connection by HTTP version and Connection, as node:http does', () => {
    expect(head('GET /validate HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n').head.keepAlive).toBe(false)
    expect(head('GET /validate HTTP/1.1\r\nHost: a\r\nConnection: Keep-Alive\r\n\r\n').head.keepAlive).toBe(true)
    expect(head('GET /validate HTTP/1.0\r\n\r\n').head.keepAlive).toBe(false)
    expect(head('GET /validate HTTP/1.0\r\nConnection: keep-alive\r\n\r\n').head.keepAlive).toBe(true)
    // a list is node:http's to weigh (on HTTP/1.0 it keeps the connection when keep-alive is anywhere in it)
    expect(readValidateHead('GET /validate HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n', 0).kind).toBe('decline')
    expect(readValidateHead('GET /validate HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, TE\r\n\r\n', 0).kind).toBe('decline')
  })

  it.each([
    ['another path', 'GET /validate/ HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['a query', 'GET /validate?x=1 HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['absolute form', 'GET http://a/validate HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['HEAD', 'HEAD /validate HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['lower-case method', 'get /validate HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['no Host on HTTP/1.1', 'GET /validate HTTP/1.1\r\nX-A: b\r\n\r\n'],
    ['a duplicate field', 'GET /validate HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer a\r\nauthorization: Bearer b\r\n\r\n'],
    ['Transfer-Encoding', 'GET /validate HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n'],
    ['a body length', 'GET /validate HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello'],
    ['Expect', 'GET /validate HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n'],
    ['Upgrade', 'GET /validate HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n'],
    ['obs-fold', 'GET /validate HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n'],
    ['space before the colon', 'GET /validate HTTP/1.1\r\nHost : a\r\n\r\n'],
    ['no colon', 'GET /validate HTTP/1.1\r\nHost a\r\n\r\n'],
    ['an empty name', 'GET /validate HTTP/1.1\r\n: a\r\nHost: a\r\n\r\n'],
    ['a bare LF', 'GET /validate HTTP/1.1\r\nHost: a\nX-A: b\r\n\r\n'],
    ['a bare CR', 'GET /validate HTTP/1.1\r\nHost: a\rX-A: b\r\n\r\n'],
    ['NUL in a value', 'GET /validate HTTP/1.1\r\nHost: a\r\nX-A: b\u0000c\r\n\r\n'],
    ['DEL in a value', 'GET /validate HTTP/1.1\r\nHost: a\r\nX-A: b\u007fc\r\n\r\n'],
    ['obs-text in a value', 'GET /validate HTTP/1.1\r\nHost: a\r\nX-A: caf\u00e9\r\n\r\n'],
    ['a separator in a name', 'GET /validate HTTP/1.1\r\nHost: a\r\nX(A): b\r\n\r\n'],
    ['too many fields', `GET /validate HTTP/1.1\r\nHost: a\r\n${Array.from({ length: 70 }, (_, i) => `X-${i}: v\r\n`).join('')}\r\n`],
  ])('declines %s (node:http answers it)', (_, s) => {
    expect(readValidateHead(s, 0).kind).toBe('decline')
  })

  it('declines a field named like a member of Object.prototype, and the headers keep their prototype', () => {
    for (const n of ['__proto__', 'constructor', 'Constructor']) expect(readValidateHead(`GET /validate HTTP/1.1\r\nHost: a\r\n${n}: x\r\n\r\n`, 0).kind).toBe('decline')
    expect(Object.getPrototypeOf(head(HEAD).head.headers)).toBe(Object.prototype)
  })
})

/**
 * The property that makes the lane safe: whatever it takes, node:http (llhttp) parses the same way — same
 * fields, same values, same keep-alive. Random heads, some valid and some not, go to both.
 */
describe('readValidateHead against node:http', () => {
  let server: Server
  let port: number
  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = JSON.stringify({ method: req.method, url: req.url, version: req.httpVersion, headers: req.headers })
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  /** One request on its own connection: node:http's status, Connection field and (for a 200) what it parsed. */
  const ask = (bytes: string) =>
    new Promise<{ status: number; connection: string; parsed?: { headers: Record<string, string> } }>((resolve, reject) => {
      const s = connect(port, '127.0.0.1')
      let got = ''
      s.setEncoding('latin1')
      s.on('data', (d: string) => (got += d))
      s.on('error', reject)
      s.on('close', () => {
        const [headText, ...rest] = got.split('\r\n\r\n')
        const status = Number(/^HTTP\/1\.1 (\d+)/.exec(headText ?? '')?.[1] ?? 0)
        const connection = /\r\nconnection: ([^\r]*)/i.exec(headText ?? '')?.[1]?.toLowerCase() ?? ''
        resolve({ status, connection, ...(status === 200 ? { parsed: JSON.parse(rest.join('\r\n\r\n')) } : {}) })
      })
      s.end(bytes, 'latin1')
    })

  const name = fc.oneof(
    fc.constantFrom('Host', 'host', 'Authorization', 'X-Original-URL', 'x-body', 'Cookie', 'Connection', 'Content-Length', 'Transfer-Encoding', 'X-Body-Uninspectable', 'Accept', '__proto__', 'constructor'),
    fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,12}$/),
    fc.constantFrom('X A', 'X:A', '', 'X\tA', 'Ä'),
  )
  const valueChar = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...'abcXYZ019 ./:=,;"{}[]\t-_~+') }, { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u0001', '\u007f', '\u00e9', '\r', '\n', '\r\n ') })
  const value = fc.oneof(fc.array(valueChar, { maxLength: 24 }).map((a) => a.join('')), fc.constantFrom('close', 'keep-alive', '0', '5', 'chunked', 'Keep-Alive, close'))
  const line = fc.constantFrom('GET /validate HTTP/1.1', 'GET /validate HTTP/1.0', 'GET /validate HTTP/1.1', 'GET /Validate HTTP/1.1')

  it('parses every head it takes exactly as node:http does', async () => {
    let taken = 0
    await fc.assert(
      fc.asyncProperty(line, fc.array(fc.tuple(name, value), { maxLength: 6 }), fc.boolean(), async (first, fields, withHost) => {
        const all = withHost ? [['Host', 'auth-server'] as [string, string], ...fields] : fields
        const bytes = `${first}\r\n${all.map(([n, v]) => `${n}:${v}\r\n`).join('')}\r\n`
        const ours = readValidateHead(bytes, 0)
        if (ours.kind !== 'head') return
        taken++
        const node = await ask(bytes)
        expect(node.status, JSON.stringify(bytes)).toBe(200)
        expect(node.parsed!.headers).toEqual({ ...ours.head.headers })
        // the answer closes (the client ended its side here), so only a close that node:http would not make is compared
        if (!ours.head.keepAlive) expect(node.connection).toBe('close')
      }),
      { numRuns: 400 },
    )
    expect(taken).toBeGreaterThan(50)
  })

  it('takes nothing that node:http refuses', async () => {
    // heads node:http answers 400 or 431 to, each checked to be declined
    const refused = ['GET /validate HTTP/1.1\r\nHost: a\r\nX-A: b\u0000\r\n\r\n', 'GET /validate HTTP/1.1\r\nHost : a\r\n\r\n', 'GET /validate HTTP/1.1\r\nHost: a\nX: b\r\n\r\n', `GET /validate HTTP/1.1\r\nHost: a\r\nX-Pad: ${'a'.repeat(17 * 1024)}\r\n\r\n`]
    for (const bytes of refused) {
      expect([400, 431]).toContain((await ask(bytes)).status)
      expect(readValidateHead(bytes, 0).kind).toBe('decline')
    }
  })
})
