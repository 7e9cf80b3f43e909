import { diag } from './diagnostics.js'
import { cognitoDerivedDomain, cognitoHostedUiBase, cognitoIssuer, cognitoRegionOf, callbackUrlOf, isBaseUrl, isDomainPrefix, jwksUriOf, keycloakIssuer, signOutUrlOf } from './derive.js'
import { parameterMap, pointerOf, providers, sectionConfigures, type ParameterDef } from './map.js'
import { rangeOf } from './locate.js'
import type { SourceDoc } from './load.js'
import type { Spec } from './validate.js'
import type { Diagnostic, ParameterId, ParamValue } from './types.js'

/** Values every surface needs that are computed, not written; also what `doctor` and the runtime check. */
export interface Derived {
  provider: string
  callbackUrl: string
  signOutUrl: string
  cognito?: { region: string; hostedUiBase: string; issuer: string; jwksUri: string }
  keycloak?: { issuer: string; externalIssuer: string }
}

/** A validated spec with defaults and derivations applied. Only `resolve()` makes one. */
export interface ResolvedSpec {
  readonly spec: Spec
  /** Parameter values that are set or derived, by id. */
  readonly values: ReadonlyMap<ParameterId, ParamValue>
  readonly derived: Derived
  /** Provider sections present in the spec. */
  readonly sections: ReadonlySet<string>
}

type At = (id: string) => { file?: string; pointer: string; range?: [number, number] }

/** The value the spec itself writes at a parameter's path (undefined when it is derived or defaulted). */
export function lookup(spec: Spec, id: ParameterId): unknown {
  return id.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), spec)
}

/** Applies derivations and the cross-field checks the schema cannot express. */
export function resolve(spec: Spec, source?: SourceDoc): { resolved?: ResolvedSpec; diagnostics: Diagnostic[] } {
  const at: At = (id) => ({ file: source?.file, pointer: pointerOf(id), range: source ? rangeOf(source, pointerOf(id)) : undefined })
  const diagnostics: Diagnostic[] = []
  const values = new Map<ParameterId, ParamValue>()
  const provider = String(spec.auth.provider ?? defaultOf('auth.provider'))
  const sections = new Set(providers().filter((k) => sectionConfigures(k, spec.auth[k])))
  sections.add(provider)
  for (const p of parameterMap().parameters) {
    const v = lookup(spec, p.id) as ParamValue | undefined
    if (v !== undefined) values.set(p.id, v)
  }
  checkUrls(values, at, diagnostics)
  const serverExternalUrl = String(values.get('auth.serverExternalUrl') ?? values.get('registry.externalUrl'))
  values.set('auth.serverExternalUrl', serverExternalUrl)
  for (const p of parameterMap().parameters) {
    if (p.derive === 'providerEnabled' && sections.has(p.provider!)) values.set(p.id, p.provider === provider)
    if (p.derive === 'sectionPresent' && sections.has(p.provider!)) values.set(p.id, true)
    if (p.derive === 'keycloakInStack' && !values.has(p.id)) values.set(p.id, provider === 'keycloak')
  }
  const derived: Derived = {
    provider,
    callbackUrl: callbackUrlOf(serverExternalUrl, provider),
    signOutUrl: signOutUrlOf(String(values.get('registry.externalUrl'))),
  }
  if (sections.has('cognito')) derived.cognito = resolveCognito(values, at, diagnostics)
  if (sections.has('keycloak')) derived.keycloak = resolveKeycloak(values)
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics }
  return { resolved: { spec, values, derived, sections }, diagnostics }
}

function defaultOf(id: string): ParameterDef['default'] {
  return parameterMap().parameters.find((p) => p.id === id)?.default
}

function checkUrls(values: Map<ParameterId, ParamValue>, at: At, out: Diagnostic[]): void {
  for (const p of parameterMap().parameters) {
    const v = values.get(p.id)
    if (p.type === 'url' && typeof v === 'string' && !isBaseUrl(v)) out.push(diag('RC3005', at(p.id), { what: p.id, url: v }))
  }
}

function resolveCognito(values: Map<ParameterId, ParamValue>, at: At, out: Diagnostic[]): Derived['cognito'] {
  const pool = String(values.get('auth.cognito.userPoolId') ?? '')
  const poolRegion = cognitoRegionOf(pool)
  if (!poolRegion) {
    out.push(diag('RC3002', at('auth.cognito.userPoolId'), { pool }))
    return undefined
  }
  const given = values.get('auth.cognito.region')
  if (given !== undefined && given !== poolRegion) out.push(diag('RC3001', at('auth.cognito.region'), { region: String(given), pool, poolRegion }))
  values.set('auth.cognito.region', poolRegion)
  const domain = String(values.get('auth.cognito.domain') ?? '')
  if (domain !== '' && !isDomainPrefix(domain)) out.push(diag('RC3003', at('auth.cognito.domain'), { domain }))
  if (domain === '') values.set('auth.cognito.domain', cognitoDerivedDomain(pool))
  const issuer = cognitoIssuer(pool, poolRegion)
  return { region: poolRegion, hostedUiBase: cognitoHostedUiBase(pool, poolRegion, domain), issuer, jwksUri: jwksUriOf(issuer) }
}

function resolveKeycloak(values: Map<ParameterId, ParamValue>): Derived['keycloak'] {
  const realm = String(values.get('auth.keycloak.realm') ?? defaultOf('auth.keycloak.realm'))
  const url = String(values.get('auth.keycloak.url') ?? '')
  const external = String(values.get('auth.keycloak.externalUrl') ?? url)
  return { issuer: keycloakIssuer(url, realm), externalIssuer: keycloakIssuer(external, realm) }
}
