/**
 * An HTTPS proxy (HTTP CONNECT, RFC 9110 §9.3.6) that reaches only the hosts it is given, each at a
 * loopback port: a process started with HTTPS_PROXY pointing here reaches those names (the provider's
 * fixed https hosts, answered by the mock IdP's TLS listener) and nothing else: any other host, and any
 * plain-HTTP proxy request, is refused with 403. The name override is the process's own
 * environment: nothing outside the test (DNS, /etc/hosts, a port of the machine) changes, and it needs
 * no privilege, so it works as well in a CI runner as here.
 */
import { createServer, type Server } from 'node:http'
import { connect, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

export interface ConnectProxy {
  /** http://127.0.0.1:PORT, the value of HTTPS_PROXY. */
  url: string
  stop(): Promise<void>
}

/** `routes`: host name → the loopback port that answers as it (on 443). */
export async function startConnectProxy(routes: ReadonlyMap<string, number>): Promise<ConnectProxy> {
  const open = new Set<Socket>()
  const server: Server = createServer((_req, res) => {
    res.writeHead(403, { 'content-type': 'text/plain' }).end('regcfg test proxy: only CONNECT to the mock identity provider\n')
  })
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? ''
    const [host, port] = splitHostPort(target)
    const local = port === '443' ? routes.get(host.toLowerCase()) : undefined
    if (local === undefined) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n')
      return
    }
    const upstream = connect(local, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    for (const s of [client, upstream]) {
      open.add(s)
      s.on('close', () => open.delete(s))
      s.on('error', () => { client.destroy(); upstream.destroy() })
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((r) => {
      for (const s of open) s.destroy()
      server.close(() => r())
      server.closeAllConnections()
    }),
  }
}

function splitHostPort(authority: string): [string, string] {
  const i = authority.lastIndexOf(':')
  if (i <= 0) return [authority, '']
  const host = authority.slice(0, i)
  return [host.startsWith('[') ? host.slice(1, -1) : host, authority.slice(i + 1)]
}
