/**
 * The code exchange as a request/process pair: tokenRequest does the one fetch;
 * processTokenResponse checks the answer and returns the ID token.
 */
import { AuthError } from '../../errors.js'

export interface TokenRequest {
  tokenUrl: string
  clientId: string
  clientSecret: string
  code: string
  redirectUri: string
  codeVerifier: string
  timeoutMs: number
  fetch?: typeof fetch
}

export function tokenRequest(r: TokenRequest): Promise<Response> {
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: r.code, redirect_uri: r.redirectUri, code_verifier: r.codeVerifier })
  const basic = Buffer.from(`${encodeURIComponent(r.clientId)}:${encodeURIComponent(r.clientSecret)}`).toString('base64')
  return (r.fetch ?? fetch)(r.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${basic}` },
    body,
    signal: AbortSignal.timeout(r.timeoutMs),
    redirect: 'error',
  })
}

const failed = (why: string): never => {
  throw new AuthError('TOKEN_EXCHANGE_FAILED', 502, `code exchange with the identity provider failed: ${why}`)
}

export async function processTokenResponse(res: Response): Promise<{ idToken: string }> {
  let body: Record<string, unknown> = {}
  try {
    body = (await res.json()) as Record<string, unknown>
  } catch {
    failed(`HTTP ${res.status}, not JSON`)
  }
  if (res.status !== 200) failed(`HTTP ${res.status} ${typeof body.error === 'string' ? body.error.slice(0, 60) : ''}`.trim())
  if (typeof body.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer') failed('token_type is not Bearer')
  if (typeof body.id_token !== 'string') failed('no id_token in the response')
  return { idToken: body.id_token as string }
}
