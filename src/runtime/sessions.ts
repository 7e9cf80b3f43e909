/**
 * The login's temporary state (oauth2_temp_session, from /oauth2/login to /oauth2/callback on the same
 * auth-server): a JWT encrypted with A256GCM (authenticated, so also tamper-proof) under a key derived
 * from SECRET_KEY with HKDF, so every replica with the same SECRET_KEY finishes any replica's login.
 * The session itself is the registry's: a signed id in the cookie (session-cookie.ts) and a record in
 * storage (session-store.ts).
 */
import { hkdfSync } from 'node:crypto'
import { EncryptJWT, jwtDecrypt, type JWTPayload } from 'jose'

export const SESSION_COOKIE = 'mcp_gateway_session'
export const STATE_COOKIE = 'oauth2_temp_session'
export const STATE_MAX_AGE = 600

export interface LoginState {
  state: string
  nonce: string
  codeVerifier: string
  provider: string
  redirect: string
}

type Purpose = 'login-state'

function keyFor(secretKey: string, purpose: Purpose): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secretKey, 'regcfg-auth-server', `${purpose} A256GCM`, 32))
}

export class SessionSealer {
  private keys: Record<Purpose, Uint8Array>
  constructor(secretKey: string) {
    this.keys = { 'login-state': keyFor(secretKey, 'login-state') }
  }

  private seal(purpose: Purpose, payload: JWTPayload, maxAgeSeconds: number): Promise<string> {
    return new EncryptJWT(payload).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: purpose }).setIssuedAt().setExpirationTime(`${maxAgeSeconds}s`).encrypt(this.keys[purpose])
  }

  /** The payload, or undefined when the cookie is missing, expired, tampered or for another purpose. */
  private async open(purpose: Purpose, token: string | undefined): Promise<JWTPayload | undefined> {
    if (!token) return undefined
    try {
      const { payload } = await jwtDecrypt(token, this.keys[purpose], { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'], requiredClaims: ['exp'] })
      return payload
    } catch {
      return undefined
    }
  }

  sealState = (s: LoginState) => this.seal('login-state', { ...s }, STATE_MAX_AGE)

  async openState(token: string | undefined): Promise<LoginState | undefined> {
    const p = await this.open('login-state', token)
    const fields = ['state', 'nonce', 'codeVerifier', 'provider', 'redirect'] as const
    if (!p || fields.some((f) => typeof p[f] !== 'string')) return undefined
    return Object.fromEntries(fields.map((f) => [f, p[f]])) as unknown as LoginState
  }
}
