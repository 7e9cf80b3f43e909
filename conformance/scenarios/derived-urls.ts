import { activeProvider } from '../../src/runtime/config.js'
import { callbackUrlOf, signOutUrlOf } from '../../src/compiler/derive.js'
import type { Scenario } from '../types.js'

/**
 * The provider URLs each surface's configuration derives BEFORE the mock substitution (issuer with
 * region, hosted UI domain, realm): the part of the config the substitution hides from the HTTP
 * scenarios, compared here across surfaces.
 */
export default {
  id: 'derived-urls',
  title: 'issuer, hosted UI, JWKS, logout, callback and sign-out URLs derived from the config',
  async run(t) {
    const { row, section } = activeProvider(t.prepared.config!)
    const e = row.endpoints(section)
    const urls = { ...e, callback: callbackUrlOf(t.prepared.config!.externalUrl, t.spec.provider), signOut: signOutUrlOf(t.prepared.config!.registryUrl) }
    t.check('callback URL', urls.callback, `${t.spec.externalUrl}/oauth2/callback/${t.spec.provider}`)
    t.check('sign-out URL', urls.signOut, `${t.spec.registryUrl}/login`)
    return urls
  },
} satisfies Scenario
