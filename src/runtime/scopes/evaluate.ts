/**
 * Scope evaluation (upstream validate_server_tool_access, §3.2–3.3), pure and table-driven.
 */
import type { ScopeDoc, ServerRule } from './types.js'

const WILD = new Set(['all', '*'])

const names = (v: unknown): string[] | '*' | undefined => {
  if (v === '*' || v === 'all') return '*'
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined
}

/** server_access → server rules; agent rules and unknown shapes (legacy `agents`) are skipped. */
export function flattenServerAccess(entries: readonly unknown[]): ServerRule[] {
  const out: ServerRule[] = []
  for (const e of entries) {
    if (!e || typeof e !== 'object') continue
    const o = e as Record<string, unknown>
    if (Array.isArray(o.access_rules)) out.push(...flattenServerAccess(o.access_rules))
    if (typeof o.server !== 'string') continue
    const methods = names(o.methods)
    const tools = names(o.tools)
    out.push({ server: o.server, methods: methods === '*' ? ['all'] : methods ?? [], tools: tools ?? [] })
  }
  return out
}

const trimSlashes = (s: string): string => s.replace(/^\/+|\/+$/g, '')

export const serverMatches = (rule: string, server: string): boolean => rule === '*' || trimSlashes(rule) === trimSlashes(server)

const hasAny = (list: readonly string[] | '*', x: string): boolean => list === '*' || list.some((v) => v === x || WILD.has(v))

/** One rule: method allowed (tools/call also needs the tool); non-call methods may be listed in tools. */
export function ruleAllows(rule: ServerRule, server: string, method: string, tool?: string): boolean {
  if (!serverMatches(rule.server, server)) return false
  const methodOk = hasAny(rule.methods, method)
  if (method === 'tools/call') return methodOk && tool !== undefined && hasAny(rule.tools, tool)
  return methodOk || (rule.tools !== '*' && rule.tools.includes(method))
}

/**
 * A document's rules, flattened once per document object: the scope cache hands out the same objects for
 * its TTL (and memory sources for ever), so /validate does not re-flatten them on every request.
 */
const flattened = new WeakMap<ScopeDoc, ServerRule[]>()
function rulesOf(d: ScopeDoc): ServerRule[] {
  let rules = flattened.get(d)
  if (!rules) flattened.set(d, (rules = flattenServerAccess(d.server_access ?? [])))
  return rules
}

export function allows(docs: readonly ScopeDoc[], server: string, method: string, tool?: string): boolean {
  return docs.some((d) => rulesOf(d).some((r) => ruleAllows(r, server, method, tool)))
}
