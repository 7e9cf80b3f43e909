import type { FileView, Rule, RuleHit } from '../types.js'
import { enabledFlags, firstProviderEntry } from './_facts.js'

/** What each surface falls back to, and why that is a problem. */
const DEFAULTS: Record<string, string> = {
  env: 'AUTH_PROVIDER is not set: docker compose defaults it to cognito, the auth-server factory to cognito and the IAM manager to keycloak',
  helm: 'global.authProvider.type is not set: the charts default to keycloak',
  terraform: 'no <provider>_enabled flag is true and keycloak_domain is not set: the module passes AUTH_PROVIDER=default, which the auth-server rejects',
}

function missing(view: FileView): boolean {
  if (view.file.kind === 'terraform') return enabledFlags(view).length === 0 && view.entriesOf('auth.keycloak.externalUrl').length === 0
  return view.entriesOf('auth.provider').length === 0
}

/** Provider settings without the provider switch: the surfaces default to different providers. */
export const authProviderMissing: Rule = {
  id: 'RC5105',
  name: 'auth-provider-missing',
  severity: 'warning',
  kind: 'config',
  description: 'A surface file configures a provider (COGNITO_*, keycloak.*, cognito_*) but not the provider switch. The defaults differ: compose and the auth-server factory use cognito, the IAM manager and Helm keycloak, Terraform "default".',
  fix: 'Set the switch explicitly: AUTH_PROVIDER in .env, global.authProvider.type in Helm values, exactly one <provider>_enabled = true in tfvars (keycloak_domain for Keycloak).',
  check(view): RuleHit[] {
    const why = DEFAULTS[view.file.kind]
    const first = firstProviderEntry(view)
    // a chart's own values.yaml lists every provider's settings as defaults: the switch is the deployment's to set
    if (!why || !first || !missing(view) || view.file.role === 'chart-defaults') return []
    if (view.file.kind === 'helm' && first.provider === 'keycloak') return []
    return [{ at: { line: 1, column: 1 }, subject: 'auth.provider', message: `${first.provider} is configured but ${why}` }]
  },
}
