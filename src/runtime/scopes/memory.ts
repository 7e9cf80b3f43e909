import { registryAdminsDoc } from './bootstrap.js'
import type { ScopeDoc, ScopeSource } from './types.js'

/** Scope documents held in memory: the bootstrap admin document plus the spec's mappings. */
export function memorySource(docs: readonly ScopeDoc[]): ScopeSource {
  const all = [registryAdminsDoc(), ...docs.filter((d) => d._id !== 'registry-admins')]
  return {
    findByGroups: async (groups) => all.filter((d) => d.group_mappings.some((g) => groups.includes(g))),
    findByIds: async (ids) => all.filter((d) => ids.includes(d._id)),
    mappedGroups: async () => new Set(all.flatMap((d) => d.group_mappings)),
    close: async () => {},
  }
}
