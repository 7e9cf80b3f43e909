import { authenticate, cachedBearer, type Who } from '../authenticate.js'
import type { AppContext } from '../context.js'
import { AuthError } from '../../errors.js'
import { header, headerSafe, type Reply, type RequestHead } from '../http.js'
import { internalTokens, type Hop } from '../internal-token.js'
import { allows } from '../scopes/evaluate.js'
import { targetOf, type McpTarget } from '../scopes/request.js'
import type { ScopeDoc, ScopeKey } from '../scopes/types.js'
import type { Route } from './types.js'

/**
 * GET /validate (nginx auth_request): who → groups → scopes (one lookup) → the §3.3 rules on the
 * MCP server and JSON-RPC method from X-Original-URL and X-Body. Fails closed everywhere.
 */
export const validate: Route = async ({ req, ctx }) => {
  const who = await authenticate(req, ctx)
  const target = targetFromHeaders(req)
  const docs = await ctx.scopes.lookup(scopeQuery(who), scopeKey(who))
  const reply = decide(who, docs, target, false)
  const hop = hopOf(req)
  if (!needsTokens(hop)) return reply
  const tokens = await internalTokens(ctx.internalKey, ctx.config.nginxMarkerSecret, who, scopeNames(who, docs), target?.server ?? '', hop)
  remember(who, docs, target, hop, tokens)
  return withTokens(reply, tokens)
}

/**
 * The same answer without I/O when the caches already know the caller (a verified Bearer token) and
 * its scopes — nginx asks on every MCP request, so this is the common case. undefined when they do not:
 * the caller then runs `validate`, which fills them. The rules are `decide`'s in both cases.
 */
export function validateCached(req: RequestHead, ctx: AppContext): Reply | undefined {
  const who = cachedBearer(req, ctx)
  const docs = who && ctx.scopes.peek(scopeQuery(who), scopeKey(who))
  if (!docs) return undefined
  const target = targetFromHeaders(req)
  const reply = decide(who!, docs, target, true)
  const hop = hopOf(req)
  if (!needsTokens(hop)) return reply
  const tokens = recalled(who!, docs, target, hop)
  return tokens && withTokens(reply, tokens)
}

/**
 * The caller's scopes as the registry's /validate takes them (server.py, after the token is validated):
 * a caller with groups has the documents that map them; one without has the scope names its token
 * carries (`scope`), looked up by _id, and those names are its scopes (X-Scopes, the internal token, the
 * "no scopes" refusal) even where no document has them.
 */
const NONE: readonly string[] = Object.freeze([])
const byGroups = (who: Who): boolean => who.groups.length > 0
const scopeKey = (who: Who): ScopeKey => (byGroups(who) ? 'groups' : 'ids')
const scopeQuery = (who: Who): readonly string[] => (byGroups(who) ? who.groups : (who.tokenScopes ?? NONE))
const scopeNames = (who: Who, docs: readonly ScopeDoc[]): readonly string[] => (byGroups(who) ? docs.map((d) => d._id) : (who.tokenScopes ?? NONE))

/** What nginx's /validate location forwards about the hop behind it (docker/nginx_rev_proxy_*.conf). */
const hopOf = (req: RequestHead): Hop => {
  const upstream = header(req, 'x-resolved-upstream')
  const marker = header(req, 'x-validate-source-secret')
  return { ...(upstream ? { upstream } : {}), ...(marker !== undefined ? { marker } : {}), registryApi: !!header(req, 'x-registry-api-auth') }
}
const needsTokens = (h: Hop): boolean => h.upstream !== undefined || h.registryApi

function withTokens(reply: Reply, tokens: readonly string[]): Reply {
  if (tokens.length === 0) return reply
  return { ...reply, headers: [...tokens, ...(reply.headers as readonly string[])] }
}

/**
 * Minted tokens, kept for the second they were minted in: iat and exp are whole seconds, so a token
 * minted again in the same second for the same caller, scopes, target and hop is the same bytes — the
 * cached path hands that one out instead of signing per request. Per caller identity (a cached token's
 * frozen Who), bounded like the 200 memo.
 */
const minted = new WeakMap<Who, { docs: readonly ScopeDoc[]; second: number; tokens: Map<string, readonly string[]> }>()
const hopKey = (target: McpTarget | undefined, h: Hop) => `${target?.server ?? ''}\u0000${h.upstream ?? ''}\u0000${h.marker ?? ''}\u0000${h.registryApi ? 1 : 0}`
const second = () => Math.floor(Date.now() / 1000)
function remember(who: Who, docs: readonly ScopeDoc[], target: McpTarget | undefined, h: Hop, tokens: readonly string[]): void {
  if (!Object.isFrozen(who)) return
  const now = second()
  let m = minted.get(who)
  if (!m || m.docs !== docs || m.second !== now || m.tokens.size >= MAX_TARGETS) minted.set(who, (m = { docs, second: now, tokens: new Map() }))
  m.tokens.set(hopKey(target, h), tokens)
}
function recalled(who: Who, docs: readonly ScopeDoc[], target: McpTarget | undefined, h: Hop): readonly string[] | undefined {
  const m = minted.get(who)
  return m && m.docs === docs && m.second === second() ? m.tokens.get(hopKey(target, h)) : undefined
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
  const key = target ? `${target.server}\u0000${target.method}\u0000${target.tool ?? ''}\u0000${target.rpc ? 1 : 0}` : ''
  const known = memo?.allowed.get(key)
  if (known) return known
  const log = { user: who.username, authMethod: who.method, ...(target ? { server: target.server } : {}) }
  // the registry's auth-server's words (server.py /validate)
  const names = scopeNames(who, docs)
  if (target && names.length === 0) throw Object.assign(new AuthError('NO_SCOPES', 403, `Access denied to ${target.server}.${target.method} - user has no scopes configured`), { log })
  if (target && !allows(docs, target.server, target.method, target.tool)) throw Object.assign(new AuthError('ACCESS_DENIED', 403, `Access denied to ${target.server}.${target.method}`), { log })
  // X-Tool-Name is the JSON-RPC method, as the registry's sends it (its `tool_name`); empty with no body
  const tool = headerSafe(target?.rpc ? target.method : '')
  const headers = [
    'x-user', headerSafe(who.username),
    'x-username', headerSafe(who.username),
    'x-client-id', headerSafe(who.clientId),
    'x-scopes', headerSafe(names.join(' ')),
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
