import { authenticate, type Who } from '../authenticate.js'
import { AuthError } from '../errors.js'
import { header, headerSafe, type Reply } from '../http.js'
import { allows } from '../scopes/evaluate.js'
import { targetOf, type McpTarget } from '../scopes/request.js'
import type { Route } from './types.js'

function identityHeaders(who: Who, scopes: string[], t?: McpTarget): Record<string, string> {
  return {
    'x-user': headerSafe(who.username),
    'x-username': headerSafe(who.username),
    'x-client-id': headerSafe(who.clientId),
    'x-scopes': headerSafe(scopes.join(' ')),
    'x-groups': headerSafe(who.groups.join(' ')),
    'x-auth-method': who.method,
    'x-server-name': headerSafe(t?.server ?? ''),
    'x-tool-name': headerSafe(t?.tool ?? ''),
  }
}

/**
 * GET /validate (nginx auth_request): who → groups → scopes (one lookup) → the §3.3 rules on the
 * MCP server and JSON-RPC method from X-Original-URL and X-Body. Fails closed everywhere.
 */
export const validate: Route = async ({ req, ctx }) => {
  const who = await authenticate(req, ctx)
  const target = targetOf(header(req, 'x-original-url'), header(req, 'x-body'), header(req, 'x-body-uninspectable') === '1')
  const docs = await ctx.scopes.lookup(who.groups)
  const scopes = docs.map((d) => d._id)
  const log = { user: who.username, authMethod: who.method, ...(target ? { server: target.server } : {}) }
  if (target && scopes.length === 0) throw Object.assign(new AuthError('NO_SCOPES', 403, 'user has no scopes configured'), { log })
  if (target && !allows(docs, target.server, target.method, target.tool)) throw Object.assign(new AuthError('ACCESS_DENIED', 403, `no scope allows ${target.method} on ${target.server}`), { log })
  const reply: Reply = { status: 200, headers: { ...identityHeaders(who, scopes, target), 'cache-control': 'no-store' }, body: '', log }
  return reply
}
