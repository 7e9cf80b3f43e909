/**
 * Providers whose hosts are fixed in the registry's code (Cognito's hosted UI and
 * cognito-idp.<region>.amazonaws.com, login.microsoftonline.com, https://{OKTA_DOMAIN},
 * https://{AUTH0_DOMAIN}): the registry's process reaches the mock IdP under those names through a
 * network namespace of the test's own with its own hosts file, and trusts a test CA. Not built yet:
 * undefined, and the oracle reports those providers as not run, with this reason.
 */
import type { MockIdp } from '../harness/oidc.js'
import type { Wrap } from '../harness/registry-auth-server.js'

export interface HostsRoute {
  kind: 'hosts'
  note: string
  /** What the server's start needs: the command wrapped into the namespace, the CA bundle variables. */
  launch(idp: MockIdp): { wrap: Wrap; extraEnv: Record<string, string> }
}

export async function hostsRoute(_provider: string): Promise<HostsRoute | undefined> {
  return undefined
}
