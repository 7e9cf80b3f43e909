/** The upstream `mcp_scopes_<namespace>` document. */
export interface ScopeDoc {
  _id: string
  group_mappings: string[]
  server_access: unknown[]
  ui_permissions?: Record<string, string[]>
}

/** Where scope documents come from: MongoDB, or the spec held in memory. */
export interface ScopeSource {
  /** Every document whose group_mappings holds any of the groups (one $in query). */
  findByGroups(groups: readonly string[]): Promise<ScopeDoc[]>
  close(): Promise<void>
}

export interface ServerRule {
  server: string
  methods: string[]
  tools: string[] | '*'
}
