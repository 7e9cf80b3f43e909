import type { Entry, FileView, Rule, RuleHit } from '../types.js'
import { providerOf } from './_facts.js'
import { hitAt } from './_hits.js'
import { normalName } from './_keys.js'

/** The group the database-init step seeds with full admin rights on every surface. */
const BOOTSTRAP = 'registry-admins'

/**
 * Upstream names (ALLOWED_IDP_GROUPS / allowed_idp_groups / allowedIdpGroups, and the IAM page filter),
 * matched in any spelling: the parameter map does not carry them yet.
 */
const ALLOWED = 'allowedidpgroups'
const FILTER = 'idpgroupfilterprefix'

const list = (v: unknown): string[] => String(v ?? '').split(',').map((s) => s.trim()).filter(Boolean)

function check(view: FileView, e: Entry): RuleHit[] {
  const name = normalName(e.key)
  const items = list(e.value)
  if (items.length === 0) return []
  if (name === ALLOWED && !items.includes(BOOTSTRAP)) return [hitAt(e, view.locate(e), `${e.key} does not include ${BOOTSTRAP}: the seeded admin group is dropped from the session at login, so no one gets admin rights`)]
  if (name === FILTER && !items.some((p) => BOOTSTRAP.startsWith(p))) return [hitAt(e, view.locate(e), `${e.key} hides ${BOOTSTRAP} from the IAM > Groups page`)]
  return []
}

/** On Cognito the bootstrap admin mapping only works for a group named exactly registry-admins. */
export const adminGroup: Rule = {
  id: 'RC5107',
  name: 'admin-group-not-bootstrap',
  severity: 'warning',
  kind: 'config',
  description: 'With Cognito, the bootstrap admin mapping seeded into DocumentDB is for the group registry-admins. A login group allowlist (ALLOWED_IDP_GROUPS) without it drops the admin group at login; a group filter prefix that excludes it hides it from the IAM pages.',
  fix: 'Name the Cognito admin group registry-admins and include it in ALLOWED_IDP_GROUPS (or leave the allowlist empty to derive it from the mappings); make IDP_GROUP_FILTER_PREFIX match it.',
  check: (view) => (providerOf(view) === 'cognito' ? view.file.entries.flatMap((e) => check(view, e)) : []),
}
