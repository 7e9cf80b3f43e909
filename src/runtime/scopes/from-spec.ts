import type { ScopeDoc } from './types.js'

/** The spec's `scopes:` entry (see src/compiler/spec-schema.ts). */
export interface SpecScope {
  name: string
  groups: string[]
  servers: { server: string; methods: string[]; tools?: string[] | '*' }[]
  ui?: Record<string, string[]>
}

export function docFromSpec(s: SpecScope): ScopeDoc {
  return {
    _id: s.name,
    group_mappings: [...s.groups],
    server_access: s.servers.map((r) => ({ server: r.server, methods: [...r.methods], tools: r.tools === '*' ? '*' : [...(r.tools ?? [])] })),
    ui_permissions: s.ui ?? {},
  }
}

/** The spec's scopes, if it has any (the section is optional). */
export function specScopes(spec: unknown): SpecScope[] {
  const s = (spec as { scopes?: SpecScope[] } | undefined)?.scopes
  return Array.isArray(s) ? s : []
}
