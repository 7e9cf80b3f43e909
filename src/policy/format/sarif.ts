import type { Severity } from '../../compiler/types.js'
import type { LintResult } from '../lint.js'
import type { Finding, Rule } from '../types.js'

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
const HELP_URI = 'https://github.com/agentic-community/mcp-gateway-registry'

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' }

function sarifRule(r: Rule) {
  return {
    id: r.id,
    name: r.name,
    shortDescription: { text: r.name },
    fullDescription: { text: r.description },
    help: { text: `${r.description}\nFix: ${r.fix}`, markdown: `${r.description}\n\n**Fix:** ${r.fix}` },
    helpUri: `${HELP_URI}#${r.id.toLowerCase()}`,
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: [r.kind === 'secret' ? 'security' : 'correctness', r.kind], ...(r.kind === 'secret' ? { 'security-severity': '8.0' } : {}) },
  }
}

function sarifResult(f: Finding, ruleIndex: number) {
  return {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: `${f.subject}: ${f.message}. Fix: ${f.fix}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%' }, region: { startLine: f.line, startColumn: f.column } } }],
    partialFingerprints: { 'regcfgFingerprint/v1': f.fingerprint },
    properties: { surface: f.place, gitState: f.gitState },
  }
}

/** SARIF 2.1.0 as GitHub code scanning reads it: rules with help, results with repository-relative locations. */
export function renderSarif(result: LintResult, rules: readonly Rule[], version: string): string {
  const index = new Map(rules.map((r, i) => [r.id, i]))
  const run = {
    tool: { driver: { name: 'regcfg', informationUri: HELP_URI, version, semanticVersion: version, rules: rules.map(sarifRule) } },
    originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root.' } } },
    results: result.findings.map((f) => sarifResult(f, index.get(f.rule) ?? -1)),
  }
  return JSON.stringify({ $schema: SCHEMA, version: '2.1.0', runs: [run] }, null, 2) + '\n'
}
