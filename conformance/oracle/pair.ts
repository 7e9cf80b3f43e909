/**
 * regcfg's auth-server and the registry's, started from ONE container environment: a spec compiled to a
 * surface, that surface's environment (the model, or the render on a registry checkout), storage and the
 * IdP substituted in the registry's own terms (env.ts `oracleEnv`). regcfg's server reads exactly that
 * environment (loadRuntimeConfig), so the two differ in nothing but the server. Used by the differential
 * property test (test/conformance/oracle/differential.test.ts) and bench/oracle.mjs.
 *
 * A provider whose URLs are settings (env.ts IDP_ROUTES: Keycloak, PingFederate) gets them pointed at the
 * mock; one whose hosts are fixed (Entra, Cognito, Okta, Auth0: providers.ts fixedOrigins) keeps its real
 * URLs and the mock answers under those names (harness/named-idp.ts): `named` then holds what each server
 * needs to reach it (regcfg's: idpFetch; the registry's process: processEnv and files).
 */
import { readFileSync, rmSync } from 'node:fs'
import { callbackUrlOf, signOutUrlOf } from '../../src/compiler/derive.js'
import type { Surface } from '../../src/compiler/types.js'
import { loadRuntimeConfig } from '../../src/runtime/config.js'
import { docFromSpec, specScopes } from '../../src/runtime/scopes/from-spec.js'
import { mongoScopes, type MongoScopes } from '../../src/runtime/scopes/store.js'
import type { ScopeDoc } from '../../src/runtime/scopes/types.js'
import { specFacts } from '../spec-facts.js'
import { startNamedIdp, type NamedIdp } from '../harness/named-idp.js'
import { startMockIdp, type MockIdp, type MockIdpOptions } from '../harness/oidc.js'
import { ADAPTERS } from '../providers.js'
import { compileSpec, prepare } from '../surfaces.js'
import { IDP_ROUTES, oracleEnv, type OracleStorage } from './env.js'

export interface PairEnvOptions {
  specFile: string
  surface: Surface
  mongoUri: string
  database: string
  /** Render the surface on this registry checkout (else regcfg's model of its environment). */
  registryDir?: string
}

export interface PairEnv {
  provider: string
  /** The one container environment both servers get (secrets included: never print it). */
  env: Record<string, string>
  storage: OracleStorage
  idp: MockIdp
  /** The mock under the provider's own https names (a provider with fixed hosts), else undefined. */
  named?: NamedIdp
  /** The claims the provider puts in a Bearer token for `groups` (ProviderAdapter.idClaims). */
  claims(groups: string[], username?: string): Record<string, unknown>
  /** The storage's scope collection (the namespace both servers read). */
  scopes(): MongoScopes
  /** The spec's own `scopes:` as documents (what `regcfg db seed` writes). */
  specScopes: ScopeDoc[]
  stop(): Promise<void>
}

export class UnpairableProvider extends Error {}

export async function pairEnv(o: PairEnvOptions): Promise<PairEnv> {
  const compiled = compileSpec(o.specFile, readFileSync(o.specFile, 'utf8'), [o.surface])
  try {
    const spec = specFacts(compiled)
    const adapter = ADAPTERS[spec.provider]
    const param = (id: string) => compiled.analysis.params!.get(id)
    const fixed = adapter && !IDP_ROUTES[spec.provider] ? adapter.fixedOrigins?.(param) : undefined
    if (!adapter || (!IDP_ROUTES[spec.provider] && !fixed)) throw new UnpairableProvider(`${o.specFile}: provider ${spec.provider}: neither are its URLs settings (oracle/env.ts IDP_ROUTES) nor are its fixed hosts known (providers.ts fixedOrigins), so the registry's server cannot reach the mock IdP`)
    const p = await prepare(o.surface, compiled.files.get(o.surface)!, compiled.processEnv, o.registryDir ? { registryDir: o.registryDir } : {})
    if (p.problems.length > 0) throw new Error(`${o.specFile} on ${o.surface}: ${p.problems.join('; ')}`)
    const mock = (extra: Partial<MockIdpOptions> = {}) => startMockIdp({
      shape: adapter.shape,
      clientId: spec.clientId,
      clientSecret: compiled.secrets.get(adapter.clientParams.secret as never)!,
      redirectUris: [callbackUrlOf(spec.externalUrl, spec.provider)],
      postLogoutRedirectUris: [signOutUrlOf(spec.registryUrl)],
      ...adapter.mockOptions(param),
      ...extra,
    })
    const { idp, named } = fixed ? await startNamedIdp(fixed, mock) : { idp: await mock(), named: undefined }
    const storage: OracleStorage = { mongoUri: o.mongoUri, database: o.database, namespace: `pair_${o.surface.replace('-', '_')}` }
    const env = oracleEnv(spec.provider, p.env, storage, { baseUrl: idp.baseUrl, ...(idp.internalUrl ? { internalUrl: idp.internalUrl } : {}) })
    const config = loadRuntimeConfig(env)
    return {
      provider: spec.provider,
      env,
      storage,
      idp,
      ...(named ? { named } : {}),
      claims: (groups, username = 'bob') => adapter.idClaims(groups, spec.clientId, username, param),
      scopes: () => mongoScopes(config.storage!, 10_000),
      specScopes: specScopes(compiled.analysis.resolved!.spec).map(docFromSpec),
      stop: async () => {
        await named?.stop()
        await idp.stop()
      },
    }
  } finally {
    rmSync(compiled.dir, { recursive: true, force: true })
  }
}
