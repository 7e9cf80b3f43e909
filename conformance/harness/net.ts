import { createServer, connect } from 'node:net'

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

function tryConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port })
    s.once('connect', () => (s.destroy(), resolve(true)))
    s.once('error', () => (s.destroy(), resolve(false)))
  })
}

/** Waits until host:port accepts connections; `dead()` names why waiting is pointless. */
export async function waitForTcp(host: string, port: number, timeoutMs: number, dead: () => string | undefined = () => undefined): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const why = dead()
    if (why) throw new Error(why)
    if (await tryConnect(host, port)) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`nothing accepted connections on ${host}:${port} within ${timeoutMs} ms`)
}
