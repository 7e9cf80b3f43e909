/** The parts of a Keycloak client representation doctor reads and writes; other fields pass through untouched. */
export interface KeycloakClientRep {
  id?: string
  clientId?: string
  redirectUris?: string[]
  attributes?: Record<string, string>
  [field: string]: unknown
}

export interface KeycloakSnapshot {
  client: KeycloakClientRep | null
  groups: string[]
}

/** Keycloak keeps the post-logout redirect URIs in one attribute, separated by "##". */
export const POST_LOGOUT_ATTR = 'post.logout.redirect.uris'
