import type { Severity } from '../compiler/types.js'
import type { FileRole, GitState, Rule } from './types.js'

/** A secret's severity follows where git puts it: about to be (or already) committed is an error; ignored is info. */
const SECRET_SEVERITY: Record<GitState, Severity> = { tracked: 'error', untracked: 'error', ignored: 'info', outside: 'warning' }

const SAYS: Record<GitState, string> = {
  tracked: 'git tracks this file (or has it staged)',
  untracked: 'the file is not ignored by git, so the next `git add` takes it',
  ignored: 'the file is gitignored, so it stays on this machine',
  outside: 'the file is not in a git work tree',
}

/**
 * A secret's severity follows git; a misconfiguration's is the rule's, except in a chart's own
 * values.yaml: defaults, which a deployment's values file overrides, so an error there is a warning.
 */
export function severityFor(rule: Rule, state: GitState, role: FileRole = 'deployment'): Severity {
  if (rule.kind === 'secret') return SECRET_SEVERITY[state]
  return role === 'chart-defaults' && rule.severity === 'error' ? 'warning' : rule.severity
}

/** The sentence a finding ends with: where git puts a secret; that a chart default is only a default. */
export function gitSays(rule: Rule, state: GitState, role: FileRole = 'deployment'): string {
  if (rule.kind === 'secret') return `; ${SAYS[state]}`
  return role === 'chart-defaults' && rule.severity === 'error' ? "; this is the chart's own values.yaml (its defaults): the same value in a values file a deployment uses is an error" : ''
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 }

export const atLeast = (s: Severity, floor: Severity): boolean => RANK[s] >= RANK[floor]
