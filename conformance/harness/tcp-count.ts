/**
 * A TCP pass-through that counts the connections it accepts: in front of a server this process does
 * not own (the registry's auth-server), it answers what regcfg's server object answers for itself —
 * how many connections nginx opened (the keepalive check of nginx-front).
 */
import { connect, createServer, type Socket } from 'node:net'

export interface CountingProxy {
  url: string
  readonly connections: number
  stop(): Promise<void>
}

export async function countingProxy(target: URL): Promise<CountingProxy> {
  let connections = 0
  const open = new Set<Socket>()
  const server = createServer((client) => {
    connections++
    const upstream = connect({ host: target.hostname, port: Number(target.port) })
    for (const s of [client, upstream]) {
      open.add(s)
      s.once('close', () => open.delete(s))
      s.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
    }
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections
    },
    stop: () => {
      for (const s of open) s.destroy()
      return new Promise<void>((r) => server.close(() => r()))
    },
  }
}
