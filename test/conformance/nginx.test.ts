import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keepaliveProblems, renderNginxConf, startNginx } from '../../conformance/nginx.js'
import { startStubMcp, type StubMcp } from '../../conformance/stub-mcp.js'

const conf = renderNginxConf({ dir: '/tmp/x', port: 1, authPort: 2, stubPort: 3 })
/** What a proxy_set_header inside a location does to a server-level Connection "": gone. */
const dropInValidate = (c: string) => c.replace(/(location = \/validate \{[^}]*?)\n\s*proxy_set_header Connection "";/, '$1')

describe('nginx in front of the auth-server', () => {
  it('the generated config keeps connections to the auth-server alive in every proxying location', () => {
    expect(keepaliveProblems(conf)).toEqual([])
    expect(conf).toMatch(/auth_request \/validate;/)
    expect(conf).toMatch(/proxy_set_header X-Original-URL \$scheme:\/\/\$http_host\$request_uri;/)
    expect(conf).toMatch(/proxy_set_header X-Scopes \$auth_scopes;/)
  })

  it('the check names a location that proxies without Connection "" and an upstream without keepalive', () => {
    expect(keepaliveProblems(dropInValidate(conf))).toEqual(['location = /validate proxies without proxy_set_header Connection "";'])
    expect(keepaliveProblems(conf.replace('keepalive 16;', ''))).toEqual(['upstream auth_server has no keepalive'])
  })

  describe('connections counted at the auth-server', () => {
    let auth: Server
    let stub: StubMcp
    let connections = 0
    beforeAll(async () => {
      // Content-Length, as the auth-server sends: nginx cannot reuse a connection after a chunked answer to auth_request
      auth = createServer((_req, res) => res.writeHead(200, { 'x-user': 'u', 'content-length': '0' }).end())
      auth.on('connection', () => void connections++)
      await new Promise<void>((r) => auth.listen(0, '127.0.0.1', r))
      stub = await startStubMcp()
    })
    afterAll(async () => {
      auth.closeAllConnections()
      await new Promise<void>((r) => auth.close(() => r()))
      await stub.stop()
    })

    async function count(edit?: (c: string) => string): Promise<number> {
      const nginx = await startNginx((auth.address() as AddressInfo).port, stub.port, edit)
      try {
        const before = connections
        for (let i = 0; i < 10; i++) expect((await fetch(`${nginx.url}/s/mcp`, { method: 'POST', body: '{}' })).status).toBe(200)
        return connections - before
      } finally {
        await nginx.stop()
      }
    }

    it('one connection for ten requests with the generated config; ten without Connection "" in /validate', async () => {
      expect(await count()).toBe(1)
      expect(await count(dropInValidate)).toBe(10)
    })
  })
})
