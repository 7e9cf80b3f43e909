/**
 * The Keycloak admin REST edge: a password-grant token from the master realm (admin-cli), the
 * client by clientId, the realm's groups, and the client write-back. Untested against a live
 * Keycloak here (no server available); the pure logic is in checks.ts.
 */
import type { KeycloakTarget } from '../target.js'
import type { KeycloakClientRep, KeycloakSnapshot } from './snapshot.js'
import { KeycloakAdminError } from '../../errors.js'

export type Fetch = typeof fetch

export interface KeycloakAdmin {
  snapshot(): Promise<KeycloakSnapshot>
  putClient(c: KeycloakClientRep): Promise<void>
}

export async function keycloakAdmin(t: KeycloakTarget, baseUrl: string, password: string, f: Fetch = fetch): Promise<KeycloakAdmin> {
  const token = await adminToken(baseUrl, t.admin, password, f)
  const api = `${baseUrl}/admin/realms/${encodeURIComponent(t.realm)}`
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const r = await f(api + path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } })
    if (!r.ok) throw new KeycloakAdminError(`${init.method ?? 'GET'} ${path.split('?')[0]} answered HTTP ${r.status}`)
    return r
  }
  return {
    async snapshot() {
      const clients = (await (await call(`/clients?clientId=${encodeURIComponent(t.clientId)}`)).json()) as KeycloakClientRep[]
      const groups = (await (await call('/groups?briefRepresentation=true&max=10000')).json()) as GroupRep[]
      return { client: clients.find((c) => c.clientId === t.clientId) ?? null, groups: flatten(groups) }
    },
    async putClient(c) {
      await call(`/clients/${encodeURIComponent(String(c.id))}`, { method: 'PUT', body: JSON.stringify(c) })
    },
  }
}

interface GroupRep {
  name?: string
  subGroups?: GroupRep[]
}

const flatten = (gs: GroupRep[]): string[] => gs.flatMap((g) => [...(g.name ? [g.name] : []), ...flatten(g.subGroups ?? [])])

async function adminToken(baseUrl: string, user: string, password: string, f: Fetch): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: user, password })
  const r = await f(`${baseUrl}/realms/master/protocol/openid-connect/token`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  if (!r.ok) throw new KeycloakAdminError(`admin login as ${user} answered HTTP ${r.status}`)
  const token = ((await r.json()) as { access_token?: string }).access_token
  if (!token) throw new KeycloakAdminError('admin login returned no access token')
  return token
}
