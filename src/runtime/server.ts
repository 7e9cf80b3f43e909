/**
 * HTTP wiring only: a route table over node:http. No framework: nine GET routes, and /validate is
 * the hot path nginx calls on every MCP request, so the fewest layers and dependencies win.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Server } from 'node:net'
import { activeProvider, type RuntimeConfig } from './config.js'
import type { AppContext } from './context.js'
import { errorClass, internalError, isAuthError } from '../errors.js'
import { errorReply, json, sentHeaders, type Reply, type RequestHead } from './http.js'
import type { IamFactoryOptions } from './iam/index.js'
import { createLogger, pathOnly, type LogSink } from './log.js'
import { cachedVerifier, DEFAULT_TOKEN_CACHE, type TokenCacheOptions } from './oidc/token-cache.js'
import { createVerifier, DEFAULT_JWKS, type JwksOptions } from './oidc/tokens.js'
import { callback } from './routes/callback.js'
import { iamGroups, iamUsers } from './routes/iam.js'
import { health, providers } from './routes/info.js'
import { login } from './routes/login.js'
import { logout } from './routes/logout.js'
import type { Route } from './routes/types.js'
import { validate, validateCached } from './routes/validate.js'
import { cachedScopes, DEFAULT_CACHE, type CacheOptions } from './scopes/cache.js'
import { memorySource } from './scopes/memory.js'
import { MAX_BODY_CHARS } from './scopes/request.js'
import { mongoScopes } from './scopes/store.js'
import type { ScopeDoc, ScopeSource } from './scopes/types.js'
import { TimedSerializer } from './session-cookie.js'
import { memorySessions, mongoSessions, type SessionStore } from './session-store.js'
import { SessionSealer } from './sessions.js'

export interface ServeOptions {
  /** Scope documents served from memory when no storage is configured (the spec's `scopes:`). */
  specScopes?: ScopeDoc[]
  /** Replaces the scope source entirely (tests). */
  scopeSource?: ScopeSource
  /** Replaces the session store (tests: replicas sharing one, as they share Mongo). */
  sessionStore?: SessionStore
  logSink?: LogSink
  jwks?: Partial<JwksOptions>
  /** The scope cache; ttlMs 0 asks the source on every request. */
  cache?: Partial<CacheOptions>
  /** The verified-token cache; maxEntries 0 turns it off. */
  tokenCache?: Partial<TokenCacheOptions>
  /** Emulators and tests only: Cognito's issuer and hosted UI become <idpBaseUrl>/<pool id>. */
  idpBaseUrl?: string
  /**
   * Tests only: how the server reaches the identity provider (JWKS and code exchange) at its real URLs;
   * conformance routes a provider's fixed hosts to its mock with it. Default: the platform's fetch.
   */
  idpFetch?: typeof fetch
  iam?: IamFactoryOptions
  idpTimeoutMs?: number
  storageTimeoutMs?: number
  /** Idle keep-alive connections close after this (node:http's default, 5 s; tests shorten it). */
  keepAliveMs?: number
  /** A head must arrive complete within this (node:http's default, 60 s; tests shorten it). */
  headersTimeoutMs?: number
}

const ROUTES: [RegExp, Route][] = [
  [/^\/health$/, health],
  [/^\/validate$/, validate],
  [/^\/oauth2\/providers$/, providers],
  [/^\/oauth2\/login\/([^/]+)$/, login],
  [/^\/oauth2\/callback\/([^/]+)$/, callback],
  [/^\/oauth2\/logout\/([^/]+)$/, logout],
  [/^\/iam\/groups$/, iamGroups],
  [/^\/iam\/users$/, iamUsers],
]

export function buildContext(config: RuntimeConfig, o: ServeOptions = {}): AppContext & { ownsSessions: boolean } {
  const { row, section } = activeProvider(config)
  const endpoints = row.endpoints(section, o.idpBaseUrl ? { idpBaseUrl: o.idpBaseUrl } : undefined)
  const log = createLogger(o.logSink)
  const source = o.scopeSource ?? (config.storage ? mongoScopes(config.storage, o.storageTimeoutMs) : memorySource(o.specScopes ?? []))
  return {
    config, row, section, endpoints, log, source,
    verifier: cachedVerifier(createVerifier(endpoints.jwks, endpoints.issuers, { ...DEFAULT_JWKS, ...o.jwks, ...(o.idpFetch ? { fetch: o.idpFetch } : {}) }), { ...DEFAULT_TOKEN_CACHE, ...o.tokenCache }),
    sealer: new SessionSealer(config.secretKey),
    sessions: o.sessionStore ?? (config.storage ? mongoSessions(config.storage, config.secretKey, o.storageTimeoutMs) : memorySessions(config.secretKey)),
    ownsSessions: o.sessionStore === undefined,
    cookieSigner: new TimedSerializer(config.secretKey),
    scopes: cachedScopes(source, { ...DEFAULT_CACHE, ...o.cache }, log),
    iam: o.iam ?? {},
    idpTimeoutMs: o.idpTimeoutMs ?? 10_000,
    ...(o.idpFetch ? { idpFetch: o.idpFetch } : {}),
    internalKey: new TextEncoder().encode(config.secretKey),
  }
}

const SIMPLE_PATH = /^(\/[A-Za-z0-9_~-]+)+$/

async function dispatch(req: RequestHead, ctx: AppContext): Promise<Reply> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { detail: 'Method Not Allowed' }, { allow: 'GET, HEAD' })
  // the URL object only when a route reads it: /validate (every MCP request) never does
  const raw = req.url ?? '/'
  let parsed: URL | undefined
  const url = () => (parsed ??= new URL(raw, 'http://auth-server'))
  const q = raw.indexOf('?')
  const plain = q === -1 ? raw : raw.slice(0, q)
  // a path of plain segments is its own pathname; anything else (dots, escapes, fragments…) is left to URL
  const pathname = SIMPLE_PATH.test(plain) ? plain : url().pathname
  for (const [re, route] of ROUTES) {
    const m = re.exec(pathname)
    if (!m) continue
    try {
      return await route({ req, get url() { return url() }, ctx, ...(m[1] ? { provider: decodeURIComponent(m[1]) } : {}) })
    } catch (e) {
      return failure(e, pathname, ctx)
    }
  }
  return json(404, { detail: 'Not Found' })
}

/** A route's exception as a reply: an AuthError says what it denies; anything else is a 500, logged with its class. */
function failure(e: unknown, pathname: string, ctx: AppContext): Reply {
  if (isAuthError(e)) return { ...errorReply(e), log: { code: e.code, ...(e as { log?: Reply['log'] }).log } }
  ctx.log.error({ event: 'internal', code: 'INTERNAL', path: pathname, detail: errorClass(e) })
  return errorReply(internalError())
}

/**
 * /validate answered in the same turn when the caches know the caller and its scopes (no promise, no
 * route table); undefined when a lookup is needed, and `dispatch` takes the request.
 */
function validateNow(req: RequestHead, ctx: AppContext): Reply | undefined {
  if (req.url !== '/validate' || req.method !== 'GET') return undefined
  try {
    return validateCached(req, ctx)
  } catch (e) {
    return failure(e, '/validate', ctx)
  }
}

/**
 * Always with Content-Length (never chunked): nginx reads no body for an auth_request subrequest, and it
 * only keeps an upstream connection alive for reuse when the response's end is known from its headers.
 */
function write(res: ServerResponse, r: Reply, head: boolean): void {
  res.writeHead(r.status, sentHeaders(r) as string[] | Record<string, string | string[]>)
  res.end(head ? undefined : (r.body ?? ''))
}

export interface AuthServer {
  url: string
  server: Server
  context: AppContext
  close(): Promise<void>
}

/** Room for the other fields beside an X-Body of MAX_BODY_CHARS: a larger body is answered 413, not 431. */
const MAX_HEADER_BYTES = MAX_BODY_CHARS + 16 * 1024

export async function startAuthServer(config: RuntimeConfig, o: ServeOptions & { port?: number; host?: string } = {}): Promise<AuthServer> {
  const ctx = buildContext(config, o)
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req: IncomingMessage, res: ServerResponse) => {
    const t0 = performance.now()
    const done = (r: Reply) => {
      write(res, r, req.method === 'HEAD')
      ctx.log.request(req.method, pathOnly(req.url), r.status, performance.now() - t0, config.provider, r.log)
    }
    const now = validateNow(req, ctx)
    if (now) done(now)
    else void dispatch(req, ctx).then(done)
  })
  server.keepAliveTimeout = o.keepAliveMs ?? 5_000
  if (o.headersTimeoutMs !== undefined) server.headersTimeout = o.headersTimeoutMs
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(o.port ?? 8888, o.host ?? '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${o.host ?? '127.0.0.1'}:${port}`,
    server,
    context: ctx,
    async close() {
      const closed = new Promise<void>((r) => server.close(() => r()))
      server.closeAllConnections()
      await closed
      await ctx.source.close()
      if (ctx.ownsSessions) await ctx.sessions.close()
    },
  }
}
