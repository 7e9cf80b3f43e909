import { startNginx } from '../nginx.js'
import { startStubMcp } from '../stub-mcp.js'
import type { Observation, Scenario, SurfaceRun } from '../types.js'

const IDENTITY = ['x-user', 'x-username', 'x-client-id', 'x-scopes', 'x-groups', 'x-auth-method', 'x-server-name', 'x-tool-name']

/** The real client: nginx auth_request → this surface's /validate → identity headers to a stub MCP server. */
export default {
  id: 'nginx-front',
  title: 'through nginx (auth_request /validate, identity headers upstream, keepalive)',
  async run(t) {
    const stub = await startStubMcp()
    const nginx = await startNginx(Number(new URL(t.local).port), stub.port).catch(async (e) => (await stub.stop(), Promise.reject(e)))
    try {
      return await drive(t, nginx.url, () => stub.hits)
    } finally {
      await nginx.stop()
      await stub.stop()
    }
  },
} satisfies Scenario

async function drive(t: SurfaceRun, url: string, hits: () => number): Promise<Observation> {
  const m = t.spec.mappedGroups.find((g) => g.tool) ?? { group: 'registry-admins', server: 'currenttime', method: 'tools/call', tool: 'current_time_by_timezone' }
  const call = async (tool: string, auth: Record<string, string>) => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: tool, arguments: {} } })
    const res = await fetch(`${url}/${m.server}/mcp`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'x-body': body }, body })
    const text = await res.text()
    const echo = res.status === 200 ? (JSON.parse(text) as { identity: Record<string, string>; body: string }) : undefined
    if (echo && echo.body !== body) t.fail('the MCP server got a different body than /validate saw')
    return { status: res.status, upstream: echo ? Object.fromEntries(IDENTITY.map((h) => [h, echo.identity[h] ?? null])) : null }
  }
  const bearer = { authorization: `Bearer ${await t.bearer([m.group])}` }
  const before = hits()
  const allowed = await call(m.tool!, bearer)
  const denied = await call('no_such_tool', bearer)
  const anonymous = await call(m.tool!, {})
  const session = await call(m.tool!, { cookie: (await t.login([m.group])).cookieHeader() })
  const conns0 = t.connections()
  const requests = 16
  for (let i = 0; i < requests; i++) await call(m.tool!, bearer)
  const conns = t.connections() - conns0
  t.check('statuses allowed/denied/anonymous/session', [allowed.status, denied.status, anonymous.status, session.status], [200, 403, 401, 200])
  t.check('upstream calls (denied and anonymous never reach it)', hits() - before, requests + 2)
  if (conns > 1) t.fail(`nginx opened ${conns} new connections to the auth-server for ${requests} allowed requests (keepalive off?)`)
  return { allowed, denied, anonymous, session, keepalive: conns <= 1 }
}
