/** Keycloak checks: pure, over a client representation and the realm's group names. */
import { finding, type Finding } from '../finding.js'
import { ADMIN_GROUP } from '../groups.js'
import type { KeycloakTarget } from '../target.js'
import { mergeUrls } from '../urls.js'
import { POST_LOGOUT_ATTR, type KeycloakClientRep, type KeycloakSnapshot } from './snapshot.js'

/** Keycloak's redirect matching: exact, or a pattern ending in `*` that the URL starts with. */
export function uriAllowed(patterns: readonly string[], url: string): boolean {
  return patterns.some((p) => p === url || (p.endsWith('*') && url.startsWith(p.slice(0, -1))))
}

export function postLogoutUris(c: KeycloakClientRep): string[] {
  const raw = c.attributes?.[POST_LOGOUT_ATTR] ?? ''
  return raw === '' ? [] : raw.split('##')
}

/** "+" in the post-logout list means "the valid redirect URIs too". */
function postLogoutAllowed(c: KeycloakClientRep, url: string): boolean {
  const list = postLogoutUris(c)
  return uriAllowed(list, url) || (list.includes('+') && uriAllowed(c.redirectUris ?? [], url))
}

export function checkKeycloak(t: KeycloakTarget, s: KeycloakSnapshot): Finding[] {
  const out: Finding[] = []
  if (s.client === null) out.push(finding('RC6060', { client: t.clientId, realm: t.realm }))
  else {
    if (!uriAllowed(s.client.redirectUris ?? [], t.callbackUrl)) out.push(finding('RC6061', { url: t.callbackUrl }))
    if (!postLogoutAllowed(s.client, t.signOutUrl)) out.push(finding('RC6062', { url: t.signOutUrl }))
  }
  for (const g of t.groups.filter((g) => !s.groups.includes(g))) out.push(g === ADMIN_GROUP ? finding('RC6063', { realm: t.realm }) : finding('RC6064', { group: g, realm: t.realm }))
  return out
}

/** The client with the missing URIs added (every other field and URI kept), and what was added. */
export function planKeycloakFix(t: KeycloakTarget, c: KeycloakClientRep): { client: KeycloakClientRep; added: string[] } {
  const added: string[] = []
  let client = c
  if (!uriAllowed(c.redirectUris ?? [], t.callbackUrl)) {
    client = { ...client, redirectUris: mergeUrls(c.redirectUris, [t.callbackUrl]) }
    added.push(`redirectUris += ${t.callbackUrl}`)
  }
  if (!postLogoutAllowed(c, t.signOutUrl)) {
    client = { ...client, attributes: { ...c.attributes, [POST_LOGOUT_ATTR]: mergeUrls(postLogoutUris(c), [t.signOutUrl]).join('##') } }
    added.push(`attributes.${POST_LOGOUT_ATTR} += ${t.signOutUrl}`)
  }
  return { client, added }
}
