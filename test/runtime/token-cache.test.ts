import type { JWTPayload } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tokenInvalid } from '../../src/errors.js'
import { cachedVerifier } from '../../src/runtime/oidc/token-cache.js'
import type { Verifier } from '../../src/runtime/oidc/tokens.js'
import { mcpHeaders, startRig, type Rig } from './_setup.js'

/** A verifier that accepts tokens named in `valid` (with their payload) and counts its calls. */
function fakeVerifier(valid: Map<string, JWTPayload>): Verifier & { calls: number } {
  const v = {
    calls: 0,
    async verify(token: string) {
      v.calls++
      const p = valid.get(token)
      if (!p) throw tokenInvalid('bad signature')
      return { ...p }
    },
  }
  return v
}

describe('verified-token cache', () => {
  let clock = 1_000_000_000_000
  const now = () => clock
  const exp = (s: number) => Math.floor(clock / 1000) + s

  it('verifies a token once and answers the same payload from the cache until exp', async () => {
    const inner = fakeVerifier(new Map([['a.b.c', { sub: 'u', exp: exp(60) }]]))
    const v = cachedVerifier(inner, { maxEntries: 10, maxAgeMs: 600_000, now })
    const first = await v.verify('a.b.c', {})
    expect(await v.verify('a.b.c', {})).toEqual(first)
    expect(inner.calls).toBe(1)
    clock += 59_000
    await v.verify('a.b.c', {})
    expect(inner.calls).toBe(1)
    clock += 1_000 // exactly exp: the entry is gone, the inner verifier decides again
    await v.verify('a.b.c', {})
    expect(inner.calls).toBe(2)
  })

  it('never outlives exp: an expired token is re-verified (and rejected by the inner verifier)', async () => {
    const valid = new Map([['t.o.k', { exp: exp(10) }]])
    const inner = fakeVerifier(valid)
    const v = cachedVerifier(inner, { maxEntries: 10, maxAgeMs: 600_000, now })
    await v.verify('t.o.k', {})
    clock += 10_001
    valid.delete('t.o.k') // what jose would now say: expired
    await expect(v.verify('t.o.k', {})).rejects.toMatchObject({ code: 'TOKEN_INVALID' })
    expect(v.size).toBe(0)
  })

  it('matches the whole token even where two tokens share the end the cache finds them by', async () => {
    const tail = 'S'.repeat(60)
    const [a, b] = [`h.alice.${tail}`, `h.mallory.${tail}`]
    const inner = fakeVerifier(new Map([[a, { sub: 'alice', exp: exp(60) }], [b, { sub: 'mallory', exp: exp(60) }]]))
    const v = cachedVerifier(inner, { maxEntries: 10, maxAgeMs: 600_000, now })
    expect((await v.verify(a, {})).sub).toBe('alice')
    expect(v.peek(b)).toBeUndefined()
    expect((await v.verify(b, {})).sub).toBe('mallory')
    expect(v.peek(a)).toBeUndefined() // the slot went to b: a is verified again, never answered as b
    expect((await v.verify(a, {})).sub).toBe('alice')
    expect(inner.calls).toBe(3)
    expect(v.peek(`h.alice.${tail}x`)).toBeUndefined()
  })

  it('keys on the whole token: the same header and payload with another signature is verified afresh', async () => {
    const inner = fakeVerifier(new Map([['h.p.good', { exp: exp(60) }]]))
    const v = cachedVerifier(inner, { maxEntries: 10, maxAgeMs: 600_000, now })
    await v.verify('h.p.good', {})
    await expect(v.verify('h.p.forged', {})).rejects.toMatchObject({ code: 'TOKEN_INVALID' })
    await expect(v.verify('h.p.good ', {})).rejects.toMatchObject({ code: 'TOKEN_INVALID' })
    expect(inner.calls).toBe(3)
  })

  it('caches no failure, no token without exp, and nothing when an audience or nonce is asked', async () => {
    const inner = fakeVerifier(new Map([['no.exp.x', { sub: 'u' }], ['ok.ok.ok', { exp: exp(60) }]]))
    const v = cachedVerifier(inner, { maxEntries: 10, maxAgeMs: 600_000, now })
    await expect(v.verify('bad.bad.bad', {})).rejects.toThrow()
    await v.verify('no.exp.x', {})
    await v.verify('ok.ok.ok', { nonce: 'n' })
    await v.verify('ok.ok.ok', { audience: 'a' })
    expect(v.size).toBe(0)
    expect(inner.calls).toBe(4)
  })

  it('trusts an entry at most maxAgeMs, whatever its exp', async () => {
    const inner = fakeVerifier(new Map([['l.o.ng', { exp: exp(86_400) }]]))
    const v = cachedVerifier(inner, { maxEntries: 10, maxAgeMs: 5_000, now })
    await v.verify('l.o.ng', {})
    clock += 4_999
    await v.verify('l.o.ng', {})
    expect(inner.calls).toBe(1)
    clock += 1
    await v.verify('l.o.ng', {})
    expect(inner.calls).toBe(2)
  })

  it('is bounded: the oldest entry goes when full; maxEntries 0 turns the cache off', async () => {
    const tokens = Array.from({ length: 5 }, (_, i) => `t.${i}.s`)
    const inner = fakeVerifier(new Map(tokens.map((t) => [t, { exp: exp(60) }])))
    const v = cachedVerifier(inner, { maxEntries: 3, maxAgeMs: 600_000, now })
    for (const t of tokens) await v.verify(t, {})
    expect(v.size).toBe(3)
    await v.verify(tokens[4]!, {}) // newest: still cached
    expect(inner.calls).toBe(5)
    await v.verify(tokens[0]!, {}) // oldest: evicted
    expect(inner.calls).toBe(6)
    const off = cachedVerifier(inner, { maxEntries: 0, maxAgeMs: 600_000, now })
    await off.verify(tokens[0]!, {})
    await off.verify(tokens[0]!, {})
    expect(inner.calls).toBe(8)
    expect(off.size).toBe(0)
  })

  it('under a flood of fresh tokens admits a token only on its second miss; hits end the flood', async () => {
    const flood = Array.from({ length: 3000 }, (_, i) => `flood.${i}.s`)
    const valid = new Map([...flood, 'late.user.s', 'after.1.s'].map((t) => [t, { exp: exp(600) }]))
    const v = cachedVerifier(fakeVerifier(valid), { maxEntries: 100, maxAgeMs: 600_000, now })
    for (const t of flood.slice(0, 2200)) await v.verify(t, {}) // full, and more than a window of misses
    let admitted = 0
    for (const t of flood.slice(2200)) {
      await v.verify(t, {})
      if (v.peek(t)) admitted++
    }
    expect(admitted).toBe(0) // 800 tokens seen once each: none turns the cache over
    await v.verify('late.user.s', {})
    expect(v.peek('late.user.s')).toBeUndefined()
    await v.verify('late.user.s', {}) // a client that comes back is admitted at once
    expect(v.peek('late.user.s')).toBeDefined()
    for (let i = 0; i < 5000; i++) v.peek('late.user.s')
    await v.verify('after.1.s', {}) // lookups hit again: no flood, every new token is admitted
    expect(v.peek('after.1.s')).toBeDefined()
  })

  it('hands out frozen payloads, so no caller can change a cached identity', async () => {
    const inner = fakeVerifier(new Map([['f.r.z', { exp: exp(60), groups: ['a'] }]]))
    const v = cachedVerifier(inner, { maxEntries: 10, maxAgeMs: 600_000, now })
    const p = await v.verify('f.r.z', {})
    expect(Object.isFrozen(p)).toBe(true)
  })
})

describe('verified-token cache behind /validate', () => {
  let rig: Rig
  const access = { token_use: 'access', client_id: 'mock-web-client', username: 'bob', 'cognito:groups': ['readers'] }
  beforeAll(async () => {
    rig = await startRig('cognito')
  })
  afterAll(async () => rig?.stop())

  const validate = async (token: string) =>
    (await fetch(`${rig.auth.url}/validate`, { headers: { authorization: `Bearer ${token}`, ...mcpHeaders('currenttime', 'tools/list') } })).status

  it('a cached token still answers 200, and a token with its signature changed is 401', async () => {
    const token = await rig.idp.signToken(access)
    expect(await validate(token)).toBe(200)
    expect(await validate(token)).toBe(200)
    const [h, p, s] = token.split('.')
    const flipped = s!.slice(0, -2) + (s!.slice(-2) === 'AA' ? 'AB' : 'AA')
    expect(await validate(`${h}.${p}.${flipped}`)).toBe(401)
  })

  it('an expired token is 401 even right after the same claims were cached with a later exp', async () => {
    expect(await validate(await rig.idp.signToken(access, { expiresIn: 300 }))).toBe(200)
    expect(await validate(await rig.idp.signToken(access, { expiresIn: -3600 }))).toBe(401)
  })
})
