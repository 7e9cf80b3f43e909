import { cognito } from './cognito.js'
import { keycloak } from './keycloak.js'
import type { ProviderRow } from './types.js'

/** The provider table: Entra, Okta, Auth0 and PingFederate are rows to add here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const PROVIDERS: Readonly<Record<string, ProviderRow<any>>> = { cognito, keycloak }

export type { ProviderRow, ProviderEndpoints, Identity } from './types.js'
