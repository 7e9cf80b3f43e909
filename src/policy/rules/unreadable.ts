import type { Rule } from '../types.js'

/** A surface file that its own parser rejects was not checked at all. */
export const unreadable: Rule = {
  id: 'RC5000',
  name: 'unreadable-file',
  severity: 'warning',
  kind: 'config',
  description: 'A surface file could not be parsed (YAML, HCL, JSON or .env syntax), so none of its values were checked; the deployment tool will reject it too.',
  fix: 'Fix the syntax at the reported position (terraform fmt, yamllint, docker compose config show the same error).',
  check: (view) => (view.file.unreadable ? [{ at: view.file.unreadable, subject: view.file.kind, message: `cannot read this ${view.file.kind} file: ${view.file.unreadable.reason}` }] : []),
}
