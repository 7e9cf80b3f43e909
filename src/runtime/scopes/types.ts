/** The upstream `mcp_scopes_<namespace>` document. */
export interface ScopeDoc {
  _id: string
  group_mappings: string[]
  server_access: unknown[]
  ui_permissions?: Record<string, string[]>
}

/** How /validate finds a caller's documents: by its groups (group_mappings), or by its token's scope names (_id). */
export type ScopeKey = 'groups' | 'ids'

/** Where scope documents come from: MongoDB, or the spec held in memory. */
export interface ScopeSource {
  /** Every document whose group_mappings holds any of the groups (one $in query). */
  findByGroups(groups: readonly string[]): Promise<ScopeDoc[]>
  /** Every document whose _id is one of the ids: a token's own scopes, as the registry's get_server_scopes reads them. */
  findByIds(ids: readonly string[]): Promise<ScopeDoc[]>
  /** Every group some document maps (the union of group_mappings), read anew each call; throws when it cannot be read. */
  mappedGroups(): Promise<ReadonlySet<string>>
  close(): Promise<void>
}

export interface ServerRule {
  server: string
  methods: string[]
  tools: string[] | '*'
}
