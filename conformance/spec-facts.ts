/** What the spec itself says (not any surface): URLs, client, secrets, expectations, mappings. */
import { isSecretRef } from '../src/compiler/types.js'
import { specScopes } from '../src/runtime/scopes/from-spec.js'
import { ADAPTERS } from './providers.js'
import type { CompiledSpec } from './surfaces.js'
import type { AccessCase, SpecFacts } from './types.js'

interface SpecExpectation {
  groups: string[]
  server: string
  method?: string
  tool?: string
  allow: boolean
}

/** The method an expectation means: tools/call when it names a tool, else initialize. */
export const methodOf = (e: { method?: string; tool?: string }): string => e.method ?? (e.tool ? 'tools/call' : 'initialize')

function representative(s: ReturnType<typeof specScopes>[number]): SpecFacts['mappedGroups'][number] {
  const rule = s.servers[0]!
  const server = rule.server === '*' ? 'any-server' : rule.server.replace(/^\/+|\/+$/g, '')
  const tools = rule.tools === '*' ? ['any_tool'] : (rule.tools ?? [])
  const calls = rule.methods.some((m) => m === 'tools/call' || m === 'all' || m === '*') && tools.length > 0
  const method = calls ? 'tools/call' : rule.methods.find((m) => m !== 'all' && m !== '*') ?? 'tools/list'
  return { group: s.groups[0]!, scope: s.name, server, method, ...(calls ? { tool: tools[0]! } : {}) }
}

export function specFacts(c: CompiledSpec): SpecFacts {
  const p = c.analysis.params!
  const spec = c.analysis.resolved!.spec as unknown as { expectations?: SpecExpectation[] }
  const provider = String(p.get('auth.provider') ?? 'keycloak')
  const registryUrl = String(p.get('registry.externalUrl'))
  const adapter = ADAPTERS[provider]
  const secretNames = [...p].flatMap(([, v]) => (isSecretRef(v) && 'env' in v ? [v.env] : []))
  return {
    provider,
    registryUrl,
    externalUrl: String(p.get('auth.serverExternalUrl') ?? registryUrl),
    clientId: String((adapter && p.get(adapter.clientParams.id)) ?? adapter?.clientParams.defaultId ?? ''),
    cookieSecure: p.get('auth.session.cookieSecure') !== false,
    secretNames,
    expectations: (spec.expectations ?? []).map((e): AccessCase => ({ groups: [...e.groups], server: e.server, method: methodOf(e), ...(e.tool ? { tool: e.tool } : {}), allow: e.allow })),
    mappedGroups: specScopes(c.analysis.resolved!.spec).map(representative),
  }
}
