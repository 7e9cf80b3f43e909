import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/runtime/log.js'
import { cachedScopes } from '../../src/runtime/scopes/cache.js'
import type { ScopeDoc, ScopeSource } from '../../src/runtime/scopes/types.js'

/** A source answering copies of `docs` (as Mongo does: new objects every query), counting its queries. */
function source(docs: () => ScopeDoc[]): ScopeSource & { queries: number } {
  const s = {
    queries: 0,
    async findByGroups(groups: readonly string[]) {
      s.queries++
      return structuredClone(docs().filter((d) => d.group_mappings.some((g) => groups.includes(g))))
    },
    async findByIds(ids: readonly string[]) {
      s.queries++
      return structuredClone(docs().filter((d) => ids.includes(d._id)))
    },
    async mappedGroups() {
      return new Set(docs().flatMap((d) => d.group_mappings))
    },
    async close() {},
  }
  return s
}

const doc = (id: string, groups: string[], server = 'currenttime'): ScopeDoc => ({ _id: id, group_mappings: groups, server_access: [{ server, methods: ['tools/list'], tools: [] }] })

describe('scope cache', () => {
  let clock = 0
  const now = () => clock
  const log = createLogger(() => {})

  it('answers from memory for its TTL, peeks without I/O, and refreshes after it', async () => {
    const src = source(() => [doc('a', ['g1'])])
    const c = cachedScopes(src, { ttlMs: 5_000, staleMs: 60_000, now }, log)
    expect(c.peek(['g1'])).toBeUndefined()
    const first = await c.lookup(['g1'])
    expect(c.peek(['g1'])).toBe(first)
    clock += 4_999
    expect(await c.lookup(['g1'])).toBe(first)
    expect(src.queries).toBe(1)
    clock += 1
    expect(c.peek(['g1'])).toBeUndefined()
    await c.lookup(['g1'])
    expect(src.queries).toBe(2)
    expect(c.peek([])).toEqual([])
  })

  it('looks a token\'s own scopes up by _id, apart from groups of the same name', async () => {
    const src = source(() => [doc('a', ['g1']), doc('g1', ['x'])])
    const c = cachedScopes(src, { ttlMs: 5_000, staleMs: 60_000, now }, log)
    expect((await c.lookup(['g1'])).map((d) => d._id)).toEqual(['a'])
    expect(c.peek(['g1'], 'ids')).toBeUndefined()
    expect((await c.lookup(['g1'], 'ids')).map((d) => d._id)).toEqual(['g1'])
    expect(c.peek(['g1'], 'ids')!.map((d) => d._id)).toEqual(['g1'])
    expect(await c.lookup([], 'ids')).toEqual([])
    expect(src.queries).toBe(2)
  })

  it('keeps the same list object across a refresh that changed nothing, and a new one when the mappings changed', async () => {
    let docs = [doc('a', ['g1']), doc('b', ['g1'])]
    const c = cachedScopes(source(() => docs), { ttlMs: 1_000, staleMs: 60_000, now }, log)
    const first = await c.lookup(['g1'])
    clock += 1_000
    expect(await c.lookup(['g1'])).toBe(first) // equal content, fresh objects from the source: same list
    docs = [doc('a', ['g1']), doc('b', ['g1'], 'fininfo')]
    clock += 1_000
    const changed = await c.lookup(['g1'])
    expect(changed).not.toBe(first)
    expect(changed[1]!.server_access).toEqual([{ server: 'fininfo', methods: ['tools/list'], tools: [] }])
    docs = [doc('a', ['g1'])]
    clock += 1_000
    expect(await c.lookup(['g1'])).toHaveLength(1)
  })
})
