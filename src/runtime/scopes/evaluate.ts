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

/** server.py _server_names_match: both sides without outer slashes; a rule of `*` (also `/*`) matches every server. */
export const serverMatches = (rule: string, server: string): boolean => {
  const r = trimSlashes(rule)
  return r === '*' || r === trimSlashes(server)
}

const hasAny = (list: readonly string[] | '*', x: string): boolean => list === '*' || list.some((v) => v === x || WILD.has(v))

/**
 * One rule, exactly as the registry's validate_server_tool_access reads it (server.py):
 *   1. a method other than tools/call is allowed when `methods` has it (or all / *);
 *   2. tools/call naming a tool is allowed when `tools` has the tool (or all / *), whatever `methods` says;
 *   3. anything else (a method not in `methods`, or tools/call without a tool name) is allowed when
 *      `tools` has the method itself (back-compat) or is a wildcard.
 */
export function ruleAllows(rule: ServerRule, server: string, method: string, tool?: string): boolean {
  if (!serverMatches(rule.server, server)) return false
  if (method !== 'tools/call' && hasAny(rule.methods, method)) return true
  if (method === 'tools/call' && tool) return hasAny(rule.tools, tool)
  return hasAny(rule.tools, method)
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
