import { decodeJwt, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { internalTokens, type InternalSubject } from '../../src/runtime/internal-token.js'

const who: InternalSubject = { username: 'alice', sub: 'sub-alice', method: 'keycloak', groups: ['users'], clientId: 'web' }
const hop = { upstream: 'http://currenttime:8000/mcp', registryApi: true }
const keyA = new TextEncoder().encode('key-a-0123456789-0123456789-0123456789')
const keyB = new TextEncoder().encode('key-b-0123456789-0123456789-0123456789')
const NOW = 1_800_000_000

const tokens = async (key: Uint8Array, now: number, scopes = ['time-readers']) => {
  const flat = await internalTokens(key, undefined, who, scopes, 'currenttime/mcp', hop, now)
  return { proxy: flat[flat.indexOf('x-internal-token') + 1]!, registry: flat[flat.indexOf('x-internal-token-registry') + 1]! }
}

describe('internal tokens minted within one second', () => {
  it('are the bytes a new signature gives, and verify under the key (jose)', async () => {
    const first = await tokens(keyA, NOW)
    const again = await tokens(keyA, NOW)
    expect(again).toEqual(first)
    const { payload } = await jwtVerify(first.proxy, keyA, { issuer: 'mcp-auth-server', audience: 'mcp-proxy', currentDate: new Date(NOW * 1000) })
    expect(payload).toMatchObject({ sub: 'alice', scopes: ['time-readers'], iat: NOW, exp: NOW + 30, server: 'currenttime', egress_user: 'sub-alice', auth_method: 'oauth2' })
  })
  it('differ by key, by claims and by second', async () => {
    const a = await tokens(keyA, NOW)
    const b = await tokens(keyB, NOW)
    expect(b.proxy).not.toBe(a.proxy)
    await expect(jwtVerify(b.proxy, keyA)).rejects.toThrow()
    await jwtVerify(b.proxy, keyB, { currentDate: new Date(NOW * 1000) })
    expect(decodeJwt((await tokens(keyA, NOW, ['other'])).proxy).scopes).toEqual(['other'])
    const later = await tokens(keyA, NOW + 1)
    expect(decodeJwt(later.proxy)).toMatchObject({ iat: NOW + 1, exp: NOW + 31 })
    expect(decodeJwt(later.registry)).toMatchObject({ iat: NOW + 1, aud: 'mcp-registry-ui', groups: ['users'] })
  })
})
