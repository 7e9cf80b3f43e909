import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/runtime/log.js'
import { loadRuntimeConfig } from '../../src/runtime/config.js'
import { sessionGroups } from '../../src/runtime/session-groups.js'

const lines: string[] = []
const log = createLogger((l) => void lines.push(l))
const mapped = (groups: string[]) => ({ mappedGroups: async () => new Set(groups) })

describe("a login's session groups (the registry's group_filter.py)", () => {
  it('keeps only the allowlisted groups when ALLOWED_IDP_GROUPS is set, mapped or not', async () => {
    expect(await sessionGroups(['a', 'b', 'c'], ['c', 'a'], mapped(['b']), log)).toEqual(['a', 'c'])
  })

  it('keeps the scope-mapped groups without an allowlist', async () => {
    expect(await sessionGroups(['a', 'b', 'c'], [], mapped(['b', 'z']), log)).toEqual(['b'])
  })

  it('keeps every group, with a warning, when no scope maps any or the mapping cannot be read', async () => {
    lines.length = 0
    expect(await sessionGroups(['a', 'b'], [], mapped([]), log)).toEqual(['a', 'b'])
    expect(await sessionGroups(['a'], [], { mappedGroups: async () => { throw new Error('down') } }, log)).toEqual(['a'])
    expect(lines.map((l) => JSON.parse(l).event)).toEqual(['group-filter', 'group-filter'])
  })

  it('refuses to start on an allowlist entry the registry refuses', () => {
    const env = { AUTH_PROVIDER: 'keycloak', REGISTRY_URL: 'https://r.example.com', SECRET_KEY: 'k'.repeat(40), KEYCLOAK_URL: 'https://kc.example.com', KEYCLOAK_CLIENT_SECRET: 's', ALLOWED_IDP_GROUPS: 'ok-group, bad/group' }
    expect(() => loadRuntimeConfig(env)).toThrow(/ALLOWED_IDP_GROUPS entry "bad\/group"/)
  })
})
