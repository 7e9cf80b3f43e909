/**
 * What /validate is asked about: the MCP server (from X-Original-URL) and the JSON-RPC method and tool
 * (from the X-Body header nginx's capture_body.lua sets, read with JSON.parse). Fails closed on a body it
 * cannot read, the way the registry's auth-server does: 413 for one it cannot inspect (too large), 400 for
 * one that is not a JSON-RPC message.
 */
import { AuthError } from '../../errors.js'

export interface McpTarget {
  server: string
  /** The JSON-RPC method; with no body, the transport endpoint the URL ends in (mcp, sse, messages), else initialize. */
  method: string
  tool?: string
  /** True when the method came from a JSON-RPC body (X-Tool-Name names it then, as the registry's does). */
  rpc: boolean
}

/**
 * The largest X-Body read: nginx puts a body in X-Body only when it fits its client_body_buffer_size (16 KiB
 * by default on 64-bit) and flags a larger one X-Body-Uninspectable; a larger header is refused, not parsed.
 */
export const MAX_BODY_CHARS = 64 * 1024

/** The MCP transport endpoints a server path may end in (server.py MCP_TRANSPORT_ENDPOINTS). */
const ENDPOINTS: ReadonlySet<string> = new Set(['mcp', 'sse', 'messages'])

/**
 * serverOf is pure and nginx sends the same few URLs over and over: remembered per URL (a URL parse is
 * a good part of a cached /validate). Bounded; full, it starts over.
 */
const MAX_URLS = 1024
const NOT_MCP = Symbol('not an MCP server path')
interface ServerPath {
  server: string
  /** The MCP transport endpoint the path ends in, if any. */
  endpoint?: string
}
const servers = new Map<string, ServerPath | typeof NOT_MCP>()
function serverOfOnce(originalUrl: string | undefined): ServerPath | undefined {
  if (!originalUrl) return undefined
  const known = servers.get(originalUrl)
  if (known !== undefined) return known === NOT_MCP ? undefined : known
  const sp = serverPathOf(originalUrl)
  if (servers.size >= MAX_URLS) servers.clear()
  servers.set(originalUrl, sp ?? NOT_MCP)
  return sp
}

/** The server key of a request path, or undefined when it is not an MCP server path. */
export const serverOf = (originalUrl: string | undefined): string | undefined => serverPathOf(originalUrl)?.server

/**
 * The registry's own reading of X-Original-URL (server.py /validate): the path without its outer slashes,
 * split on "/"; a last segment that is a transport endpoint (after at least one more) is the endpoint
 * and the rest the server; else the whole path is the server, unless its first segment is `api` (the
 * registry's API). So `/api/mcp` is the server `api`, and `/oauth2/…` or `/validate` are servers too:
 * their /validate is a scope check, as on the registry's server.
 */
function serverPathOf(originalUrl: string | undefined): ServerPath | undefined {
  if (!originalUrl) return undefined
  let path: string
  try {
    path = new URL(originalUrl, 'http://x').pathname
  } catch {
    return undefined
  }
  const trimmed = path.replace(/^\/+|\/+$/g, '')
  const parts = trimmed === '' ? [] : trimmed.split('/')
  const last = parts[parts.length - 1]
  if (parts.length >= 2 && ENDPOINTS.has(last!)) return { server: parts.slice(0, -1).join('/'), endpoint: last! }
  if (parts.length >= 1 && parts[0] !== 'api') return { server: trimmed }
  return undefined
}

const unparseable = (why: string) => new AuthError('BODY_UNPARSEABLE', 400, why)

/** The JSON-RPC message in a body: one object, or an array of exactly one (a batch of one). */
function messageOf(body: string): { method?: unknown; params?: unknown } {
  let rpc: unknown
  try {
    rpc = JSON.parse(body)
  } catch {
    throw unparseable(UNPARSEABLE)
  }
  if (Array.isArray(rpc)) {
    if (rpc.length !== 1) throw unparseable(UNPARSEABLE)
    rpc = rpc[0]
  }
  if (rpc === null || typeof rpc !== 'object' || Array.isArray(rpc)) throw unparseable(UNPARSEABLE)
  return rpc as { method?: unknown; params?: unknown }
}

/** The registry's auth-server's words for the two refusals (server.py, /validate). */
export const UNINSPECTABLE = 'Request body too large to authorize; scope validation requires an in-memory body'
export const UNPARSEABLE = 'Request body could not be parsed for authorization'

/**
 * With no body the method is the transport endpoint of the URL (`…/mcp` → `mcp`), else `initialize`:
 * what the registry's auth-server checks then (server.py: `method = tool_name or endpoint_from_url or
 * "initialize"`).
 */
export function targetOf(originalUrl: string | undefined, body: string | undefined, uninspectable: boolean): McpTarget | undefined {
  const sp = serverOfOnce(originalUrl)
  if (sp === undefined) return undefined
  const { server } = sp
  if (uninspectable) throw new AuthError('BODY_UNINSPECTABLE', 413, UNINSPECTABLE)
  if (body === undefined || body === '') return { server, method: sp.endpoint ?? 'initialize', rpc: false }
  if (body.length > MAX_BODY_CHARS) throw new AuthError('BODY_UNINSPECTABLE', 413, UNINSPECTABLE)
  const { method, params } = messageOf(body)
  if (typeof method !== 'string' || method === '') throw unparseable(UNPARSEABLE)
  const tool = params !== null && typeof params === 'object' ? (params as { name?: unknown }).name : undefined
  return typeof tool === 'string' && tool !== '' ? { server, method, tool, rpc: true } : { server, method, rpc: true }
}
