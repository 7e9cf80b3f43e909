import type { Severity } from '../compiler/types.js'
import type { GitState, Rule } from './types.js'

/** A secret's severity follows where git puts it: about to be (or already) committed is an error; ignored is info. */
const SECRET_SEVERITY: Record<GitState, Severity> = { tracked: 'error', untracked: 'error', ignored: 'info', outside: 'warning' }

const SAYS: Record<GitState, string> = {
  tracked: 'git tracks this file (or has it staged)',
  untracked: 'the file is not ignored by git, so the next `git add` takes it',
  ignored: 'the file is gitignored, so it stays on this machine',
  outside: 'the file is not in a git work tree',
}

export function severityFor(rule: Rule, state: GitState): Severity {
  return rule.kind === 'secret' ? SECRET_SEVERITY[state] : rule.severity
}

/** The sentence a secret finding ends with. */
export function gitSays(rule: Rule, state: GitState): string {
  return rule.kind === 'secret' ? `; ${SAYS[state]}` : ''
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 }

export const atLeast = (s: Severity, floor: Severity): boolean => RANK[s] >= RANK[floor]
