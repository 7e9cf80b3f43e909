import { providers } from '../../src/compiler/map.js'
import type { ParamValue } from '../../src/compiler/types.js'

export type TfValue = string | number | boolean | string[]
export type Assignments = [name: string, value: TfValue][]

/** A named encoding of one parameter onto several Terraform variables, and back. */
export interface TfCodec {
  /** Variables to set, or an explanation of why the value has no form here. */
  emit(value: ParamValue, names: readonly string[]): Assignments | { reason: string; hint: string }
  /** The parameter value from the variables (undefined when they do not determine it). */
  parse(vars: Readonly<Record<string, unknown>>, names: readonly string[]): ParamValue | undefined
}

/** auth.provider ↔ exactly one <provider>_enabled = true; Keycloak is the module default (none true). */
const providerSwitch: TfCodec = {
  emit(value, names) {
    const flag = `${String(value)}_enabled`
    if (value !== 'keycloak' && !names.includes(flag)) return { reason: `the module has no ${flag} variable`, hint: `Supported on Terraform: keycloak, ${names.map((n) => n.replace(/_enabled$/, '')).join(', ')}.` }
    return names.map((n) => [n, n === flag] as [string, boolean])
  },
  parse(vars, names) {
    const on = names.filter((n) => vars[n] === true)
    if (on.length === 0) return 'keycloak'
    // the module's precedence when several are on: the order of providers in the map, last wins
    const order = providers()
    return on.map((n) => n.replace(/_enabled$/, '')).sort((a, b) => order.indexOf(b) - order.indexOf(a))[0]
  },
}

/** registry.externalUrl ↔ https://registry.<root_domain> (custom-domain mode, no regional domains). */
const registryDomain: TfCodec = {
  emit(value) {
    const u = new URL(String(value))
    const ok = u.protocol === 'https:' && u.hostname.startsWith('registry.') && u.port === '' && u.pathname === '/'
    if (!ok) return { reason: 'the module always serves the registry at https://registry.<root_domain> (custom domain) or a CloudFront domain', hint: 'Use an external URL of the form https://registry.<your domain>.' }
    return [['use_regional_domains', false], ['root_domain', u.hostname.slice('registry.'.length)], ['enable_route53_dns', true]]
  },
  parse(vars) {
    if (vars.enable_route53_dns === false) return undefined
    const root = regionalDomain(vars) ?? vars.root_domain
    return typeof root === 'string' && root !== '' ? `https://registry.${root}` : undefined
  },
}

/**
 * The module's regional domains (locals.tf): with use_regional_domains (its default true) the
 * registry is registry.<aws_region>.<base_domain> and Keycloak kc.<aws_region>.<base_domain>,
 * whatever root_domain and keycloak_domain say. Defaults are the variables' own.
 */
function regionalDomain(vars: Readonly<Record<string, unknown>>): string | undefined {
  if (vars.use_regional_domains === false) return undefined
  return `${String(vars.aws_region ?? 'us-west-2')}.${String(vars.base_domain ?? 'mycorp.click')}`
}

/** auth.keycloak.externalUrl ↔ https://<keycloak_domain>. */
const keycloakDomain: TfCodec = {
  emit(value, names) {
    const u = new URL(String(value))
    if (u.protocol !== 'https:' || u.pathname !== '/') return { reason: 'the module reaches Keycloak at https://<keycloak_domain>, with no path', hint: 'Serve Keycloak at the root of its own https host, e.g. https://kc.example.com.' }
    return [[names[0]!, u.host]]
  },
  parse(vars, names) {
    const regional = regionalDomain(vars)
    const d = regional ? `kc.${regional}` : vars[names[0]!]
    return typeof d === 'string' && d !== '' ? `https://${d}` : undefined
  },
}

/** A list parameter ↔ a variable declared list(string) (an HCL list, not a comma-separated string). */
const hclList: TfCodec = {
  emit(value, names) {
    return [[names[0]!, Array.isArray(value) ? value : String(value).split(',').map((s) => s.trim()).filter(Boolean)]]
  },
  parse(vars, names) {
    const v = vars[names[0]!]
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined
  },
}

export const TF_CODECS: Record<string, TfCodec> = { providerSwitch, registryDomain, keycloakDomain, hclList }
