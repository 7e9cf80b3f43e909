/**
 * What /validate is asked about: the MCP server (from X-Original-URL) and the JSON-RPC method and
 * tool (from the X-Body header nginx captures, read by rpc-head.ts). Fails closed on bodies it cannot read.
 */
import { AuthError } from '../errors.js'
import { ownString } from '../own-string.js'
import { readRpcHead } from './rpc-head.js'

export interface McpTarget {
  server: string
  method: string
  tool?: string
}

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
  servers.set(ownString(originalUrl), server ?? NOT_MCP)
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

export function targetOf(originalUrl: string | undefined, body: string | undefined, uninspectable: boolean): McpTarget | undefined {
  const server = serverOfOnce(originalUrl)
  if (server === undefined) return undefined
  if (uninspectable) throw new AuthError('BODY_UNINSPECTABLE', 413, 'request body could not be inspected; access denied')
  if (body === undefined || body === '') return { server, method: 'initialize' }
  const rpc = readRpcHead(body)
  if (rpc.kind === 'invalid') throw new AuthError('BODY_UNPARSEABLE', 400, 'request body is not JSON-RPC; access denied')
  if (rpc.kind === 'batch') throw new AuthError('BODY_UNPARSEABLE', 400, 'JSON-RPC batches are not inspected; send one message per request')
  if (rpc.method === undefined) throw new AuthError('BODY_UNPARSEABLE', 400, 'JSON-RPC body has no method; access denied')
  return rpc.tool ? { server, method: rpc.method, tool: rpc.tool } : { server, method: rpc.method }
}
