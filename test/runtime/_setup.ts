/** Shared test wiring: a mock IdP of either shape and an auth-server configured for it. */
import { freePort } from '../../conformance/harness/net.js'
import { startMockIdp, type IdpShape, type MockIdp } from '../../conformance/harness/oidc.js'
import { loadRuntimeConfig } from '../../src/runtime/config.js'
import { startAuthServer, type AuthServer, type ServeOptions } from '../../src/runtime/server.js'
import type { ScopeDoc } from '../../src/runtime/scopes/types.js'
import { memorySessions } from '../../src/runtime/session-store.js'

export const REGISTRY = 'https://registry.example.com'
export const SECRET_KEY = 'test-only-signing-key-0123456789abcdef-0123'
export const CLIENT_SECRET = 'test-only-client-secret-value'
export const POOL = 'us-east-1_Mock123'

export const SPEC_SCOPES: ScopeDoc[] = [
  { _id: 'time-readers', group_mappings: ['readers'], server_access: [{ server: 'currenttime', methods: ['initialize', 'tools/list', 'tools/call'], tools: ['current_time_by_timezone'] }], ui_permissions: {} },
  { _id: 'fin-list', group_mappings: ['finance'], server_access: [{ server: '/fininfo/', methods: ['tools/list'], tools: [] }], ui_permissions: {} },
]

export function envFor(shape: IdpShape, idp: MockIdp, authUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  const common = { REGISTRY_URL: REGISTRY, AUTH_SERVER_EXTERNAL_URL: authUrl, SECRET_KEY, SESSION_COOKIE_SECURE: 'false' }
  if (shape === 'cognito') return { ...common, AUTH_PROVIDER: 'cognito', COGNITO_USER_POOL_ID: POOL, COGNITO_CLIENT_ID: 'mock-web-client', COGNITO_CLIENT_SECRET: CLIENT_SECRET, ...extra }
  return { ...common, AUTH_PROVIDER: 'keycloak', KEYCLOAK_URL: idp.baseUrl, KEYCLOAK_EXTERNAL_URL: idp.baseUrl, KEYCLOAK_REALM: 'mcp-gateway', KEYCLOAK_CLIENT_ID: 'mcp-gateway-web', KEYCLOAK_CLIENT_SECRET: CLIENT_SECRET, ...extra }
}

export interface Rig {
  idp: MockIdp
  servers: AuthServer[]
  auth: AuthServer
  /** Every log line the servers wrote. */
  logs: string[]
  stop(): Promise<void>
}

/** A mock IdP and `replicas` auth-servers configured alike (same SECRET_KEY). */
export async function startRig(shape: IdpShape, o: ServeOptions & { replicas?: number; env?: Record<string, string>; userPoolId?: string } = {}): Promise<Rig> {
  const ports = await Promise.all(Array.from({ length: o.replicas ?? 1 }, () => freePort()))
  const external = `http://127.0.0.1:${ports[0]}`
  const clientId = shape === 'cognito' ? 'mock-web-client' : 'mcp-gateway-web'
  const idp = await startMockIdp({ shape, clientId, clientSecret: CLIENT_SECRET, redirectUris: [`${external}/oauth2/callback/${shape}`], postLogoutRedirectUris: [`${REGISTRY}/login`], userPoolId: o.userPoolId ?? POOL })
  const config = loadRuntimeConfig(envFor(shape, idp, external, { ...(o.userPoolId ? { COGNITO_USER_POOL_ID: o.userPoolId } : {}), ...o.env }))
  const servers: AuthServer[] = []
  const logs: string[] = []
  // replicas share one session store, as they share the registry's Mongo
  const sessionStore = o.sessionStore ?? memorySessions(SECRET_KEY)
  for (const port of ports) servers.push(await startAuthServer(config, { specScopes: SPEC_SCOPES, logSink: (l) => logs.push(l), sessionStore, ...o, port, ...(shape === 'cognito' ? { idpBaseUrl: idp.baseUrl } : {}) }))
  return { idp, servers, auth: servers[0]!, logs, stop: async () => (await Promise.all(servers.map((s) => s.close())), await idp.stop()) }
}

/** Headers nginx sends to /validate for one JSON-RPC call. */
export function mcpHeaders(server: string, method: string, tool?: string): Record<string, string> {
  return { 'x-original-url': `${REGISTRY}/${server}/mcp`, 'x-body': JSON.stringify({ jsonrpc: '2.0', id: 1, method, ...(tool ? { params: { name: tool, arguments: {} } } : {}) }) }
}
