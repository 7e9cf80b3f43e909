/**
 * The internal tokens /validate mints for the hop behind nginx, exactly as the registry's auth-server
 * mints them (auth_server/internal_request_token.py `_mint_internal_token`, server.py
 * `_attach_mcp_proxy_token` / `_attach_registry_ui_token`), so the registry's backends accept them:
 *   X-Internal-Token           aud mcp-proxy, only when nginx forwarded X-Resolved-Upstream and (when
 *                              AUTH_SERVER_NGINX_MARKER_SECRET is set) the matching X-Validate-Source-Secret
 *   X-Internal-Token-Registry  aud mcp-registry-ui, only when nginx forwarded X-Registry-Api-Auth
 * HS256 under SECRET_KEY, iss mcp-auth-server, sub, scopes, iat, exp = iat + 30 s, and the audience's
 * claims. Never for an empty subject (the registry refuses to mint one).
 */
import { timingSafeEqual } from 'node:crypto'
import { SignJWT } from 'jose'

export const INTERNAL_ISSUER = 'mcp-auth-server'
export const INTERNAL_TTL_SECONDS = 30

/** Methods that name one human; they all key the egress vault as `oauth2` (server.py `_PER_USER_IDP_METHODS`). */
const PER_USER = new Set(['oauth2', 'session_cookie', 'self_signed', 'jwt', 'boto3', 'keycloak', 'entra', 'cognito', 'okta', 'auth0', 'pingfederate'])
export const canonicalAuthMethod = (method: string): string => (PER_USER.has(method) ? 'oauth2' : method)

export interface InternalSubject {
  username: string
  /** The OIDC subject (a token's sub, a session's stored subject), for egress_user. */
  sub?: string
  method: string
  groups: readonly string[]
  clientId: string
  /** The server-side session id of a cookie caller. */
  sessionId?: string
}

export interface Hop {
  /** X-Resolved-Upstream: nginx's $backend_url for an /mcp-proxy/ location. */
  upstream?: string
  /** X-Validate-Source-Secret as sent. */
  marker?: string
  /** X-Registry-Api-Auth set (an /api/ location). */
  registryApi: boolean
}

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** At most this many distinct tokens are kept for the current second (one per caller and hop). */
const MINTED_PER_SECOND = 10_000

/**
 * The tokens one key minted in the current second, by their claims. HS256 is deterministic and the
 * claims' only clock is `now` in whole seconds, so a token signed again in the same second is the same
 * bytes: reusing it returns exactly what signing would, and a repeating caller costs one signature a second.
 */
class MintedThisSecond {
  private second = -1
  private readonly tokens = new Map<string, string>()
  get(now: number, claims: string): string | undefined {
    if (now !== this.second) {
      this.second = now
      this.tokens.clear()
    }
    return this.tokens.get(claims)
  }
  set(claims: string, token: string): void {
    if (this.tokens.size < MINTED_PER_SECOND) this.tokens.set(claims, token)
  }
}
const minted = new WeakMap<Uint8Array, MintedThisSecond>()

async function sign(key: Uint8Array, audience: string, subject: string, scopes: readonly string[], extra: Record<string, unknown>, now: number): Promise<string> {
  const claims = { iss: INTERNAL_ISSUER, aud: audience, sub: subject, scopes: [...scopes], iat: now, exp: now + INTERNAL_TTL_SECONDS, ...extra }
  let cache = minted.get(key)
  if (!cache) minted.set(key, (cache = new MintedThisSecond()))
  const id = JSON.stringify(claims)
  const hit = cache.get(now, id)
  if (hit !== undefined) return hit
  const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key)
  cache.set(id, token)
  return token
}

/** The internal-token headers for one allowed /validate (a flat name, value, … list; empty when none applies). */
export async function internalTokens(secretKey: Uint8Array, marker: string | undefined, who: InternalSubject, scopes: readonly string[], server: string, hop: Hop, now = Math.floor(Date.now() / 1000)): Promise<string[]> {
  if (!who.username) return []
  const out: string[] = []
  const authMethod = canonicalAuthMethod(who.method)
  const egressUser = who.sub || who.username
  if (hop.upstream && (!marker || sameSecret(hop.marker ?? '', marker))) {
    out.push('x-internal-token', await sign(secretKey, 'mcp-proxy', who.username, scopes, { server: server.split('/', 1)[0] ?? '', upstream_url: hop.upstream, auth_method: authMethod, egress_user: egressUser, token_use: 'mcp-proxy' }, now))
  }
  if (hop.registryApi) {
    out.push('x-internal-token-registry', await sign(secretKey, 'mcp-registry-ui', who.username, [], { session_id: who.sessionId ?? '', groups: [...who.groups], auth_method: authMethod, client_id: who.clientId, egress_user: egressUser, token_use: 'mcp-registry-ui' }, now))
  }
  return out
}
