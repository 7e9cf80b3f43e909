/**
 * What the live identity provider must agree with, taken from an analysed spec. Pure.
 */
import { parameterMap } from '../compiler/map.js'
import type { Analysis } from '../compiler/index.js'
import type { SecretRef } from '../compiler/types.js'
import { specGroups } from './groups.js'

export interface CognitoTarget {
  provider: 'cognito'
  userPoolId: string
  clientId: string
  region: string
  /** Hosted UI domain prefix: the spec's, or the one derived from the pool id (lowercase: DNS ignores case). */
  domainPrefix: string
  hostedUiBase: string
  callbackUrl: string
  signOutUrl: string
  groups: string[]
}

export interface KeycloakTarget {
  provider: 'keycloak'
  baseUrl: string
  realm: string
  clientId: string
  admin: string
  adminPassword?: SecretRef
  callbackUrl: string
  signOutUrl: string
  groups: string[]
}

export type DoctorTarget = CognitoTarget | KeycloakTarget

const defaultOf = (id: string): string => String(parameterMap().parameters.find((p) => p.id === id)?.default ?? '')

/** undefined when the spec's provider is neither cognito nor keycloak, or the analysis has errors. */
export function targetOf(a: Analysis): DoctorTarget | undefined {
  const r = a.resolved
  if (!r || !a.params) return undefined
  const get = (id: string): unknown => a.params!.get(id) ?? r.values.get(id)
  const str = (id: string): string => String(get(id) ?? defaultOf(id))
  const common = { callbackUrl: r.derived.callbackUrl, signOutUrl: r.derived.signOutUrl, groups: specGroups(r.spec) }
  if (r.derived.provider === 'cognito' && r.derived.cognito) {
    const userPoolId = str('auth.cognito.userPoolId')
    const domain = String(get('auth.cognito.domain') ?? '')
    const domainPrefix = domain !== '' ? domain : userPoolId.replace('_', '').toLowerCase()
    return { provider: 'cognito', userPoolId, clientId: str('auth.cognito.clientId'), region: r.derived.cognito.region, domainPrefix, hostedUiBase: r.derived.cognito.hostedUiBase, ...common }
  }
  if (r.derived.provider === 'keycloak') {
    const password = get('auth.keycloak.adminPassword') as SecretRef | undefined
    return { provider: 'keycloak', baseUrl: str('auth.keycloak.externalUrl') || str('auth.keycloak.url'), realm: str('auth.keycloak.realm'), clientId: str('auth.keycloak.clientId'), admin: str('auth.keycloak.admin'), ...(password ? { adminPassword: password } : {}), ...common }
  }
  return undefined
}
