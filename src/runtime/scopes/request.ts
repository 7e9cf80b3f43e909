/**
 * What /validate is asked about: the MCP server (from X-Original-URL) and the JSON-RPC method and tool
 * (from the X-Body header nginx's capture_body.lua sets, read with JSON.parse). Fails closed on a body it
 * cannot read, the way the registry's auth-server does: 413 for one it cannot inspect (too large), 400 for
 * one that is not a JSON-RPC message.
 */
import { AuthError } from '../../errors.js'

export interface McpTarget {
  server: string
  method: string
  tool?: string
}

/**
 * The largest X-Body read: nginx puts a body in X-Body only when it fits its client_body_buffer_size (16 KiB
 * by default on 64-bit) and flags a larger one X-Body-Uninspectable; a larger header is refused, not parsed.
 */
export const MAX_BODY_CHARS = 64 * 1024

const TRAILING = /\/(mcp|sse|messages)\/?$/

/**
 * serverOf is pure and nginx sends the same few URLs over and over: remembered per URL (a URL parse is
 * a good part of a cached /validate). Bounded; full, it starts over.
 */
const MAX_URLS = 1024
const NOT_MCP = Symbol('not an MCP server path')
const servers = new Map<string, string | typeof NOT_MCP>()
function serverOfOnce(originalUrl: string | undefined): string | undefined {
  if (!originalUrl) return undefined
  const known = servers.get(originalUrl)
  if (known !== undefined) return known === NOT_MCP ? undefined : known
  const server = serverOf(originalUrl)
  if (servers.size >= MAX_URLS) servers.clear()
  servers.set(originalUrl, server ?? NOT_MCP)
  return server
}

/** The server key of a request path, or undefined when it is not an MCP server path. */
export function serverOf(originalUrl: string | undefined): string | undefined {
  if (!originalUrl) return undefined
  let path: string
  try {
    path = new URL(originalUrl, 'http://x').pathname
  } catch {
    return undefined
  }
  const key = path.replace(TRAILING, '').replace(/^\/+|\/+$/g, '')
  if (key === '' || key === 'api' || key.startsWith('api/') || key.startsWith('oauth2/') || key === 'validate') return undefined
  return key
}

const unparseable = (why: string) => new AuthError('BODY_UNPARSEABLE', 400, why)

/** The JSON-RPC message in a body: one object, or an array of exactly one (a batch of one). */
function messageOf(body: string): { method?: unknown; params?: unknown } {
  let rpc: unknown
  try {
    rpc = JSON.parse(body)
  } catch {
    throw unparseable('request body is not JSON; access denied')
  }
  if (Array.isArray(rpc)) {
    if (rpc.length !== 1) throw unparseable('JSON-RPC batches are not inspected; send one message per request')
    rpc = rpc[0]
  }
  if (rpc === null || typeof rpc !== 'object' || Array.isArray(rpc)) throw unparseable('request body is not a JSON-RPC message; access denied')
  return rpc as { method?: unknown; params?: unknown }
}

export function targetOf(originalUrl: string | undefined, body: string | undefined, uninspectable: boolean): McpTarget | undefined {
  const server = serverOfOnce(originalUrl)
  if (server === undefined) return undefined
  if (uninspectable) throw new AuthError('BODY_UNINSPECTABLE', 413, 'request body could not be inspected; access denied')
  if (body === undefined || body === '') return { server, method: 'initialize' }
  if (body.length > MAX_BODY_CHARS) throw new AuthError('BODY_UNINSPECTABLE', 413, `request body is over ${MAX_BODY_CHARS} characters and is not inspected; access denied`)
  const { method, params } = messageOf(body)
  if (typeof method !== 'string') throw unparseable('JSON-RPC body has no method; access denied')
  const tool = params !== null && typeof params === 'object' ? (params as { name?: unknown }).name : undefined
  return typeof tool === 'string' && tool !== '' ? { server, method, tool } : { server, method }
}
