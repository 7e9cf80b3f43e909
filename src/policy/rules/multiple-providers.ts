import type { Rule } from '../types.js'
import { enabledFlags, providerOf } from './_facts.js'

/** More than one <provider>_enabled = true in tfvars: the module silently picks one by precedence. */
export const multipleProviders: Rule = {
  id: 'RC5101',
  name: 'multiple-providers',
  severity: 'error',
  kind: 'config',
  description: 'More than one <provider>_enabled flag is true in Terraform variables. The module does not reject this; it derives AUTH_PROVIDER by precedence (pingfederate > auth0 > okta > entra > cognito), so the other provider is configured but never used.',
  fix: 'Set exactly one <provider>_enabled = true (or none, for Keycloak) and remove the others.',
  check(view) {
    if (view.file.kind !== 'terraform') return []
    const on = enabledFlags(view)
    if (on.length < 2) return []
    const names = on.map((e) => e.key).join(', ')
    return on.slice(1).map((e) => ({ at: e, subject: e.key, message: `${names} are all true; the module uses ${providerOf(view)} and ignores the others` }))
  },
}
