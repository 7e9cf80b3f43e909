/**
 * Normalising what a surface did, so that equal behaviour is equal JSON: random protocol values
 * (state, nonce, PKCE challenge, code, cookie values) become placeholders, and the loopback ports of
 * the mock IdP and of each surface's auth-server become <idp> and <local>.
 */
import { jwtVerify } from 'jose'
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

/** Set-Cookie lines as `name=<value>|<cleared>; attributes` (in the order sent; an expiry date is <date>). */
export function normCookies(lines: string[]): string[] {
  return lines.map((l) => {
    const [pair, ...attrs] = l.split(';').map((x) => x.trim())
    const eq = pair!.indexOf('=')
    const value = pair!.slice(eq + 1)
    const cleared = value === '' || value === '""' || attrs.some((a) => /^max-age=0$/i.test(a))
    return [`${pair!.slice(0, eq)}=${cleared ? '<cleared>' : '<value>'}`, ...attrs.map((a) => (/^expires=/i.test(a) ? `${a.slice(0, 8)}<date>` : a))].join('; ')
  })
}

export interface AnswerKeys {
  /** SECRET_KEY of the server that answered: its internal tokens are verified with it. */
  secretKey?: string
}

/**
 * Status, identity headers, the `detail` of an error, WWW-Authenticate, `Connection: close`, and the
 * internal tokens (verified with SECRET_KEY; their claims without iat/exp, and exp − iat) of a /validate
 * (or any JSON) answer.
 */
export async function normAnswer(res: Response, keys: AnswerKeys = {}): Promise<Observation> {
  const headers: Record<string, string> = {}
  for (const h of IDENTITY_HEADERS) {
    const v = res.headers.get(h)
    if (v !== null) headers[h] = v
  }
  const text = await res.text()
  let error: Json = null
  try {
    error = (JSON.parse(text) as { detail?: string }).detail ?? null
  } catch {
    /* not JSON */
  }
  const tokens: Record<string, Json> = {}
  for (const h of ['x-internal-token', 'x-internal-token-registry']) {
    const t = res.headers.get(h)
    if (t !== null) tokens[h] = await internalToken(t, keys.secretKey)
  }
  return {
    status: res.status,
    headers,
    error,
    ...(res.headers.has('www-authenticate') ? { wwwAuthenticate: res.headers.get('www-authenticate')! } : {}),
    ...(res.status >= 400 ? { connection: res.headers.get('connection') ?? 'keep-alive' } : {}),
    ...(Object.keys(tokens).length ? { internalTokens: tokens } : {}),
  }
}

async function internalToken(token: string, secretKey: string | undefined): Promise<Json> {
  if (!secretKey) return '<not verified>'
  try {
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(secretKey), { algorithms: ['HS256'] })
    const { iat, exp, ...claims } = payload
    return { alg: protectedHeader.alg, typ: protectedHeader.typ ?? null, ttl: typeof exp === 'number' && typeof iat === 'number' ? exp - iat : null, claims: claims as Json }
  } catch (e) {
    return `<invalid: ${(e as Error).message}>`
  }
}

/** What nginx's /validate location adds for the hop behind it (docker/nginx_rev_proxy_*.conf). */
export interface NginxHop {
  /** AUTH_SERVER_NGINX_MARKER_SECRET, force-set as X-Validate-Source-Secret. */
  marker?: string
  /** $backend_url of the /mcp-proxy/ location (X-Resolved-Upstream). */
  upstream?: string
}

/** Headers nginx sends to /validate for one JSON-RPC call (POST) to <registry>/<server>/mcp. */
export function mcpHeaders(registryUrl: string, server: string, method: string, tool?: string, hop: NginxHop = {}): Record<string, string> {
  const body = { jsonrpc: '2.0', id: 1, method, ...(tool ? { params: { name: tool, arguments: {} } } : {}) }
  const u = new URL(`${registryUrl}/${server}/mcp`)
  return {
    'x-original-url': u.href,
    'x-original-uri': u.pathname,
    'x-original-method': 'POST',
    'x-body': JSON.stringify(body),
    ...(hop.upstream ? { 'x-resolved-upstream': hop.upstream } : {}),
    ...(hop.marker ? { 'x-validate-source-secret': hop.marker } : {}),
  }
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
