import { authenticate, cachedBearer, type Who } from '../authenticate.js'
import type { AppContext } from '../context.js'
import { AuthError } from '../../errors.js'
import { header, headerSafe, type Reply, type RequestHead } from '../http.js'
import { allows } from '../scopes/evaluate.js'
import { targetOf, type McpTarget } from '../scopes/request.js'
import type { ScopeDoc } from '../scopes/types.js'
import type { Route } from './types.js'

/**
 * GET /validate (nginx auth_request): who → groups → scopes (one lookup) → the §3.3 rules on the
 * MCP server and JSON-RPC method from X-Original-URL and X-Body. Fails closed everywhere.
 */
export const validate: Route = async ({ req, ctx }) => {
  const who = await authenticate(req, ctx)
  const target = targetFromHeaders(req)
  return decide(who, await ctx.scopes.lookup(who.groups), target, false)
}

/**
 * The same answer without I/O when the caches already know the caller (a verified Bearer token) and
 * its scopes — nginx asks on every MCP request, so this is the common case. undefined when they do not:
 * the caller then runs `validate`, which fills them. The rules are `decide`'s in both cases.
 */
export function validateCached(req: RequestHead, ctx: AppContext): Reply | undefined {
  const who = cachedBearer(req, ctx)
  const docs = who && ctx.scopes.peek(who.groups)
  return docs && decide(who!, docs, targetFromHeaders(req), true)
}

const targetFromHeaders = (req: RequestHead): McpTarget | undefined =>
  targetOf(header(req, 'x-original-url'), header(req, 'x-body'), header(req, 'x-body-uninspectable') === '1')

/**
 * §3.3 for a known caller and scope set: the 200 with the identity headers, or the AuthError that denies.
 * `remember`: keep the 200 for the next request — only from the cached path, so a token seen once (the
 * first request of a client, or a load of fresh tokens) leaves nothing behind but its token-cache entry.
 */
function decide(who: Who, docs: readonly ScopeDoc[], target: McpTarget | undefined, remember: boolean): Reply {
  const memo = remember ? memoFor(who, docs) : undefined
  const key = target ? `${target.server}\u0000${target.method}\u0000${target.tool ?? ''}` : ''
  const known = memo?.allowed.get(key)
  if (known) return known
  const log = { user: who.username, authMethod: who.method, ...(target ? { server: target.server } : {}) }
  if (target && docs.length === 0) throw Object.assign(new AuthError('NO_SCOPES', 403, 'user has no scopes configured'), { log })
  if (target && !allows(docs, target.server, target.method, target.tool)) throw Object.assign(new AuthError('ACCESS_DENIED', 403, `no scope allows ${target.method} on ${target.server}`), { log })
  const tool = headerSafe(target?.tool ?? '')
  const headers = [
    'x-user', headerSafe(who.username),
    'x-username', headerSafe(who.username),
    'x-client-id', headerSafe(who.clientId),
    'x-scopes', headerSafe(docs.map((d) => d._id).join(' ')),
    'x-groups', headerSafe(who.groups.join(' ')),
    'x-auth-method', who.method,
    'x-server-name', headerSafe(target?.server ?? ''),
    'x-tool-name', tool,
    'cache-control', 'no-store',
    'content-length', '0',
  ]
  if (!memo) return { status: 200, headers, body: '', log }
  // frozen: handed out again and again (and the logger keeps the line's fields of a frozen log once)
  const reply: Reply = Object.freeze({ status: 200, headers: Object.freeze(headers), body: '', log: Object.freeze(log) })
  if (memo.allowed.size >= MAX_TARGETS) memo.allowed.clear()
  memo.allowed.set(key, reply)
  return reply
}

/**
 * A 200 is a function of the caller, its scope documents and the target alone, so it is built once and
 * handed out again while the same caller (a cached token's identity) holds the same documents (the scope
 * cache keeps a list for its TTL): the cost of a request does not grow with headers or scopes. Denials
 * are not remembered. Bounded: a client naming ever new tools cannot grow it past MAX_TARGETS per caller.
 */
const MAX_TARGETS = 1024
const memos = new WeakMap<Who, { docs: readonly ScopeDoc[]; allowed: Map<string, Reply> }>()
function memoFor(who: Who, docs: readonly ScopeDoc[]): { allowed: Map<string, Reply> } | undefined {
  if (!Object.isFrozen(who)) return undefined // a session's identity, built per request
  let memo = memos.get(who)
  if (memo?.docs !== docs) memos.set(who, (memo = { docs, allowed: new Map() }))
  return memo
}
