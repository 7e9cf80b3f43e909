import { auth0 } from './auth0.js'
import { cognito } from './cognito.js'
import { entra } from './entra.js'
import { keycloak } from './keycloak.js'
import { okta } from './okta.js'
import { pingfederate } from './pingfederate.js'
import type { ProviderRow } from './types.js'

/** The provider table: one row per provider the auth-server serves (AUTH_PROVIDER). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const PROVIDERS: Readonly<Record<string, ProviderRow<any>>> = { cognito, keycloak, entra, okta, auth0, pingfederate }

export type { ProviderRow, ProviderEndpoints, Identity } from './types.js'
