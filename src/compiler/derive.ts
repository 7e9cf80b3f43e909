/**
 * Derivations from the setup guide, shared by the compiler, the linter and the runtime.
 * Each is a pure function of its inputs.
 */

/** us-east-1_AbC123 → us-east-1; undefined when the id is not of the form <region>_<id>. */
export function cognitoRegionOf(userPoolId: string): string | undefined {
  const m = /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)_[A-Za-z0-9]+$/.exec(userPoolId)
  return m?.[1]
}

/** True for a hosted UI domain prefix (not a URL, not a dotted host). */
export function isDomainPrefix(domain: string): boolean {
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(domain)
}

/**
 * Hosted UI base URL. Empty domain: https://<pool id without "_">.auth.<region>.amazoncognito.com
 * (case kept, as the upstream provider class does); a prefix: https://<prefix>.auth.<region>.amazoncognito.com.
 */
export function cognitoHostedUiBase(userPoolId: string, region: string, domain = ''): string {
  const prefix = domain === '' ? userPoolId.replace('_', '') : domain
  return `https://${prefix}.auth.${region}.amazoncognito.com`
}

/**
 * The hosted UI prefix the auth-server derives from the pool id when COGNITO_DOMAIN is empty
 * (us-east-1_KmP5A3La3 → us-east-1kmp5a3la3). Compose's ${COGNITO_DOMAIN:-auto} replaces an
 * empty value with "auto", so regcfg writes this prefix instead of leaving the domain empty.
 */
export const cognitoDerivedDomain = (userPoolId: string): string => userPoolId.replace('_', '').toLowerCase()

export function cognitoIssuer(userPoolId: string, region: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`
}

export const jwksUriOf = (issuer: string): string => `${issuer}/.well-known/jwks.json`

/** Where the IdP sends the browser back: <auth-server external URL>/oauth2/callback/<provider>. */
export const callbackUrlOf = (serverExternalUrl: string, provider: string): string =>
  `${serverExternalUrl}/oauth2/callback/${provider}`

/** Where the IdP sends the browser after logout: <registry external URL>/login. */
export const signOutUrlOf = (externalUrl: string): string => `${externalUrl}/login`

/** Keycloak realm issuer: <base>/realms/<realm>. */
export const keycloakIssuer = (baseUrl: string, realm: string): string => `${baseUrl}/realms/${realm}`

/** An absolute http(s) URL without a trailing slash, query or fragment. */
export function isBaseUrl(url: string): boolean {
  try {
    const u = new URL(url)
    return (u.protocol === 'https:' || u.protocol === 'http:') && !url.endsWith('/') && u.search === '' && u.hash === '' && u.username === ''
  } catch {
    return false
  }
}
