import type { IncomingHttpHeaders } from 'node:http'
import { internalError, type AuthError } from '../errors.js'

/** What a route returns; the server writes it. Handlers never touch the socket. */
export interface Reply {
  status: number
  /** A record (the server adds Content-Length), or a flat name, value, … list that already holds it (the hot path). */
  headers?: Record<string, string | string[]> | readonly string[]
  body?: string
  /** Logged, never sent: who the request was for. */
  log?: { user?: string; authMethod?: string; server?: string; code?: string }
}

export const json = (status: number, body: unknown, headers: Record<string, string | string[]> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
})

export const redirect = (location: string, cookies: string[] = []): Reply => ({
  status: 302,
  headers: { location, 'cache-control': 'no-store', ...(cookies.length ? { 'set-cookie': cookies } : {}) },
})

/**
 * An AuthError as a reply, the way the registry's auth-server (FastAPI) answers one: `{"detail": message}`
 * (the message only when exposable), `WWW-Authenticate: Bearer` on a 401, and `Connection: close` on
 * every error (server.py raises each with that header). The code is logged, never sent.
 */
export function errorReply(e: AuthError, extra: Record<string, string> = {}): Reply {
  const headers: Record<string, string> = { ...extra, connection: 'close' }
  if (e.status === 401) headers['www-authenticate'] = 'Bearer'
  return { ...json(e.status, { detail: e.expose ? e.message : 'Internal validation error' }, headers), log: { code: e.code } }
}

/** The fields as sent, always with Content-Length (never chunked): a flat list already holds it, a record gets it from the body. */
export function sentHeaders(r: Reply): readonly string[] | Record<string, string | string[]> {
  const h = r.headers
  return isFlat(h) ? h : { ...h, 'content-length': String(Buffer.byteLength(r.body ?? '')) }
}

const isFlat = (h: Reply['headers']): h is readonly string[] => Array.isArray(h)

/** What a route reads of a request (an IncomingMessage is one). */
export interface RequestHead {
  method?: string
  url?: string
  headers: IncomingHttpHeaders
}

export const header = (req: RequestHead, name: string): string | undefined => {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** A value safe for an HTTP header: printable ASCII only, bounded. */
export const headerSafe = (s: string): string => s.replace(/[^\x20-\x7e]/g, '?').slice(0, 4096)
