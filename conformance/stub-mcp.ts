/** A stub MCP server behind nginx: echoes the method, path, identity headers and body it received. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StubMcp {
  port: number
  /** Requests it received (so a test knows whether nginx let one through). */
  readonly hits: number
  stop(): Promise<void>
}

export async function startStubMcp(): Promise<StubMcp> {
  let hits = 0
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      hits++
      const identity = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.startsWith('x-') && k !== 'x-body'))
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, path: req.url, identity, body: Buffer.concat(chunks).toString('utf8') }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    port: (server.address() as AddressInfo).port,
    get hits() {
      return hits
    },
    stop: () => {
      const closed = new Promise<void>((r) => server.close(() => r()))
      server.closeAllConnections()
      return closed
    },
  }
}
