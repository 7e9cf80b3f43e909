import { createHash, randomBytes } from 'node:crypto'

const b64url = (b: Buffer): string => b.toString('base64url')

export const randomToken = (): string => b64url(randomBytes(32))

/** PKCE S256: code_challenge = BASE64URL(SHA-256(code_verifier)). */
export const codeChallengeOf = (verifier: string): string => b64url(createHash('sha256').update(verifier).digest())

export interface AuthorizeParams {
  authorizeUrl: string
  clientId: string
  redirectUri: string
  scope: string
  state: string
  nonce: string
  codeVerifier: string
}

/** The IdP authorization URL (pure). */
export function buildAuthorizationUrl(p: AuthorizeParams): string {
  const u = new URL(p.authorizeUrl)
  u.searchParams.set('client_id', p.clientId)
  u.searchParams.set('response_type', 'code')
  u.searchParams.set('scope', p.scope)
  u.searchParams.set('redirect_uri', p.redirectUri)
  u.searchParams.set('state', p.state)
  u.searchParams.set('nonce', p.nonce)
  u.searchParams.set('code_challenge', codeChallengeOf(p.codeVerifier))
  u.searchParams.set('code_challenge_method', 'S256')
  return u.href
}
