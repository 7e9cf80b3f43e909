import { Document, isMap, parseDocument } from 'yaml'

/**
 * The stack's own subcharts (charts/mcp-gateway-registry-stack/Chart.yaml, file://../<name>): the
 * stack passes each its values under the subchart's name, and its global: to all of them.
 */
export const STACK_SUBCHARTS = ['auth-server', 'registry', 'mcpgw', 'keycloak-configure', 'mongodb-configure'] as const
export type StackSubchart = (typeof STACK_SUBCHARTS)[number]

/**
 * A subchart's values.yaml as the stack's values that give the subchart the same values: its
 * global: stays global:, everything else moves under <name>:. An error message when the text is
 * not a YAML mapping.
 */
export function subchartAsStack(name: StackSubchart, text: string): { text: string } | { error: string } {
  const doc = parseDocument(text)
  if (doc.errors.length > 0) return { error: doc.errors[0]!.message.split('\n')[0]! }
  if (doc.contents !== null && !isMap(doc.contents)) return { error: 'the values file is not a mapping' }
  const { global, ...own } = (doc.toJS() ?? {}) as Record<string, unknown>
  const stack = new Document({ ...(global !== undefined ? { global } : {}), [name]: own })
  return { text: stack.toString({ lineWidth: 0 }) }
}
