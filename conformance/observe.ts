/**
 * Normalising what a surface did, so that equal behaviour is equal JSON: random protocol values
 * (state, nonce, PKCE challenge, code, cookie values) become placeholders, and the loopback ports of
 * the mock IdP and of each surface's auth-server become <idp> and <local>.
 */
import type { Json, Observation } from './types.js'

const RANDOM_PARAMS = new Set(['state', 'nonce', 'code_challenge', 'code', 'session_state'])

export const IDENTITY_HEADERS = ['x-user', 'x-username', 'x-client-id', 'x-scopes', 'x-auth-method', 'x-server-name', 'x-tool-name', 'x-groups'] as const

export interface Origins {
  idp: string
  local: string
}

export function normText(s: string, o: Origins): string {
  return s.split(o.idp).join('<idp>').split(o.local).join('<local>')
}

/** A URL as { at: origin+path, query: sorted parameters with random values replaced }. */
export function normUrl(url: string | undefined | null, o: Origins): Json {
  if (!url) return null
  const u = new URL(url)
  const query: Record<string, string> = {}
  for (const k of [...new Set(u.searchParams.keys())].sort()) {
    const all = u.searchParams.getAll(k)
    query[k] = RANDOM_PARAMS.has(k) ? '<random>' : normText(all.join(' | '), o)
  }
  return { at: normText(u.origin + u.pathname, o), query }
}

/** Set-Cookie lines as `name=<value>|<cleared>; attributes` (sorted as sent). */
export function normCookies(lines: string[]): string[] {
  return lines.map((l) => {
    const [pair, ...attrs] = l.split(';').map((x) => x.trim())
    const eq = pair!.indexOf('=')
    const value = pair!.slice(eq + 1)
    return [`${pair!.slice(0, eq)}=${value === '' ? '<cleared>' : '<value>'}`, ...attrs].join('; ')
  })
}

/** Status, identity headers and the error code of a /validate (or any JSON) answer. */
export async function normAnswer(res: Response): Promise<Observation> {
  const headers: Record<string, string> = {}
  for (const h of IDENTITY_HEADERS) {
    const v = res.headers.get(h)
    if (v !== null) headers[h] = v
  }
  const text = await res.text()
  let error: Json = null
  try {
    error = (JSON.parse(text) as { error?: string }).error ?? null
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers, error, ...(res.headers.has('www-authenticate') ? { wwwAuthenticate: res.headers.get('www-authenticate')!.split(' ')[0]! } : {}) }
}

/** Headers nginx sends to /validate for one JSON-RPC call to <registry>/<server>/mcp. */
export function mcpHeaders(registryUrl: string, server: string, method: string, tool?: string): Record<string, string> {
  const body = { jsonrpc: '2.0', id: 1, method, ...(tool ? { params: { name: tool, arguments: {} } } : {}) }
  return { 'x-original-url': `${registryUrl}/${server}/mcp`, 'x-body': JSON.stringify(body) }
}

/** Flat `path: value` lines of a JSON value, for diffs. */
export function flatten(v: Json, path = ''): Map<string, string> {
  const out = new Map<string, string>()
  if (v !== null && typeof v === 'object') {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v)
    if (entries.length === 0) out.set(path || '.', JSON.stringify(v))
    for (const [k, x] of entries) for (const [p, s] of flatten(x, path ? `${path}.${k}` : k)) out.set(p, s)
  } else out.set(path || '.', JSON.stringify(v))
  return out
}
