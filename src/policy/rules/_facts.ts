import { providers } from '../../compiler/map.js'
import { namesIn } from '../params-index.js'
import type { Entry, FileView } from '../types.js'

/** Terraform's precedence when several <provider>_enabled flags are true (ecs-services.tf l.123). */
const TF_PRECEDENCE = ['pingfederate', 'auth0', 'okta', 'entra', 'cognito']

let flags: Set<string> | undefined

/** Every provider switch Terraform has: the map's provider-switch names plus upstream's <provider>_enabled flags (from the map: once per run). */
export function providerFlags(): string[] {
  return [...flagSet()]
}

function flagSet(): Set<string> {
  if (flags) return flags
  const fromMap = namesIn('terraform', 'auth.provider')
  const fromProviders = providers().filter((p) => p !== 'keycloak').map((p) => `${p}_enabled`)
  return (flags = new Set([...fromMap, ...fromProviders, ...TF_PRECEDENCE.map((p) => `${p}_enabled`)]))
}

const isTrue = (v: unknown): boolean => v === true || v === 'true'

/** The <provider>_enabled entries of a tfvars file that are true, in file order. */
export function enabledFlags(view: FileView): Entry[] {
  const on = flagSet()
  return view.file.entries.filter((e) => on.has(e.key) && isTrue(e.value))
}

/** The provider a file selects, or undefined when it selects none explicitly. */
export function providerOf(view: FileView): string | undefined {
  if (view.file.kind !== 'terraform') {
    const v = view.entriesOf('auth.provider').find((e) => typeof e.value === 'string')?.value
    return typeof v === 'string' ? v : undefined
  }
  const on = enabledFlags(view).map((e) => e.key.replace(/_enabled$/, ''))
  return TF_PRECEDENCE.find((p) => on.includes(p)) ?? on[0]
}

/**
 * The first non-secret entry of a provider's section (COGNITO_USER_POOL_ID, keycloak.realm, …), in
 * file order. Secrets do not count: a file holding only secrets (secrets.auto.tfvars) is a side
 * file merged with another.
 */
export function firstProviderEntry(view: FileView): { e: Entry; provider: string } | undefined {
  const { entries } = view.file
  for (let i = 0; i < entries.length; i++) {
    const p = view.locs[i]?.param
    if (p?.provider && !p.secret && !isEnabledSwitch(p.id, p.provider)) return { e: entries[i]!, provider: p.provider }
  }
  return undefined
}

/** Whether `id` is `auth.<provider>.enabled` (without building that name per entry). */
export const isEnabledSwitch = (id: string, provider: string): boolean =>
  id.length === provider.length + 13 && id.startsWith('auth.') && id.endsWith('.enabled') && id.startsWith(provider, 5)
