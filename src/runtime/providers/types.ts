import type { JWTPayload } from 'jose'
import type { ParamReader } from '../params.js'

/** What a provider derives from its configuration: every URL the flows use. */
export interface ProviderEndpoints {
  /** Issuers accepted on tokens (the first one is expected on ID tokens from the browser flow). */
  issuers: string[]
  authorize: string
  token: string
  userinfo: string
  jwks: string
  logout: string
}

/** A verified token's identity, provider-independent. */
export interface Identity {
  username: string
  email?: string
  clientId: string
  groups: string[]
  /** Scopes carried by the token itself (Cognito resource-server scopes). */
  tokenScopes: string[]
}

/**
 * How a provider's logout URL takes the return address:
 *   cognito  client_id + logout_uri
 *   oidc     client_id + post_logout_redirect_uri (+ id_token_hint when the caller passes one)
 *   entra    post_logout_redirect_uri (+ id_token_hint only while the URL stays ≤ 2000 characters)
 *   auth0    client_id + returnTo (Auth0 /v2/logout)
 */
export type LogoutStyle = 'cognito' | 'oidc' | 'entra' | 'auth0'

/**
 * One row of the provider table. Adding Entra, Okta, Auth0 or PingFederate is adding a row:
 * read its parameters, derive its URLs, name its groups claim and audience rule.
 */
export interface ProviderRow<C> {
  id: string
  displayName: string
  /** Reads the provider's parameters; problems go to `r.problems`. */
  read(r: ParamReader): C | undefined
  endpoints(c: C, override?: { idpBaseUrl?: string }): ProviderEndpoints
  clientId(c: C): string
  clientSecret(c: C): string
  scopes: string
  logoutStyle: LogoutStyle
  /** Identity from a verified ID token of the browser flow (aud already checked); `c` for configurable claims. */
  fromIdToken(claims: JWTPayload, c: C): Identity
  /** Audience rule and identity for a verified Bearer token; throws AuthError when it is not for us. */
  fromBearer(claims: JWTPayload, c: C, ideClientId?: string): Identity
}
