import type { Entry, FileView, Rule, RuleHit } from '../types.js'
import { providerOf } from './_facts.js'
import { hitAt } from './_hits.js'

/** The group the database-init step seeds with full admin rights on every surface. */
const BOOTSTRAP = 'registry-admins'

/** The login group allowlist and the IAM page filter, found by their parameter on every surface. */
const ALLOWED = 'auth.groups.allowlist'
const FILTER = 'auth.groups.filterPrefix'

const list = (v: unknown): string[] => String(v ?? '').split(',').map((s) => s.trim()).filter(Boolean)

function check(view: FileView, e: Entry): RuleHit[] {
  const name = view.locate(e)?.param?.id
  if (name !== ALLOWED && name !== FILTER) return []
  const items = Array.isArray(e.value) ? e.value.map(String) : list(e.value)
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
  check(view) {
    const hits: RuleHit[] = []
    if (providerOf(view) === 'cognito') for (const e of view.file.entries) hits.push(...check(view, e))
    return hits
  },
}
