import { connect } from 'node:net'
import { sleep } from './util.mjs'
export async function waitTcp(port, child, timeoutMs = 20_000) {
  const t0 = Date.now()
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before port ${port} opened: ${child.errText?.()}`)
    const ok = await new Promise((r) => { const s = connect(port, '127.0.0.1', () => (s.end(), r(true))); s.on('error', () => r(false)) })
    if (ok) return
    if (Date.now() - t0 > timeoutMs) throw new Error(`port ${port} did not open`)
    await sleep(100)
  }
}
