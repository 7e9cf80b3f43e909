/**
 * The mock IdP under a provider's own https names, for a run whose servers keep the provider's real
 * URLs: the oracle, because the registry's code builds Cognito's, Okta's and Auth0's URLs from a region
 * or a domain and no setting points them elsewhere. All of it is the run's own and gone at stop:
 *   - a test CA and a certificate for those names (test-ca.ts), served by the mock's TLS listener;
 *   - a CONNECT proxy that reaches those names only (connect-proxy.ts); the registry's process gets it
 *     as HTTPS_PROXY, and the CA file as REQUESTS_CA_BUNDLE (requests) and SSL_CERT_FILE (the rest);
 *   - for this process (regcfg's in-process server, the test browser): those origins mapped to the
 *     mock's loopback base, the way DNS and a load balancer would send them.
 * The mock's issuer is the real one, so a token it signs is valid for both servers as it stands.
 */
import { withPrefix, type MockIdp, type MockIdpOptions } from './oidc.js'
import { startConnectProxy } from './connect-proxy.js'
import { issueTestCa } from './test-ca.js'

/** A provider's own https origins (providers.ts fixedOrigins): the issuer's, and each one's path prefix on the mock. */
export interface FixedOrigins {
  issuer: string
  origins: Readonly<Record<string, string>>
}

export interface NamedIdp {
  /** Each of the provider's public origins → the mock's loopback base that answers as it. */
  origins: Readonly<Record<string, string>>
  /** What the registry's process is started with (no secret: a proxy URL and a CA file). */
  processEnv: Readonly<Record<string, string>>
  /** The files processEnv names by path (the CA certificate). */
  files: readonly string[]
  /** regcfg's server's way to the IdP: the real URLs, answered by the mock; any other host is refused. */
  idpFetch: typeof fetch
  note: string
  stop(): Promise<void>
}

/**
 * The URL where `url` is answered: for one of `origins` (public origin → a local base, perhaps with a
 * path prefix) the local address, else `url` itself.
 */
export function reach(origins: Readonly<Record<string, string>>, url: string): string {
  const u = new URL(url)
  const local = origins[u.origin]
  if (!local) return url
  const base = new URL(local)
  return base.origin + withPrefix(base.pathname.replace(/\/$/, ''), u.pathname) + u.search
}

/** Starts the mock (through `start`, with the named options added) behind its names. */
export async function startNamedIdp(fixed: FixedOrigins, start: (extra: Partial<MockIdpOptions>) => Promise<MockIdp>): Promise<{ idp: MockIdp; named: NamedIdp }> {
  const all = Object.keys(fixed.origins)
  const hosts = all.map((o) => new URL(o).hostname)
  const ca = await issueTestCa(hosts)
  let idp: MockIdp | undefined
  try {
    const hostPrefixes = Object.fromEntries(Object.entries(fixed.origins).map(([o, prefix]) => [new URL(o).hostname, prefix]))
    idp = await start({ issuerOrigin: fixed.issuer, tls: { cert: ca.cert, key: ca.key }, hostPrefixes })
    const proxy = await startConnectProxy(new Map(hosts.map((h) => [h, idp!.tlsPort!])))
    const origins = Object.fromEntries(Object.entries(fixed.origins).map(([o, prefix]) => [o, idp!.baseUrl + prefix]))
    const idpFetch = ((input: string | URL | Request, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input)
      const to = reach(origins, url)
      if (to === url) return Promise.reject(new TypeError(`the conformance run reaches only the identity provider's own hosts; not ${new URL(url).origin}`))
      return fetch(to, init)
    }) as typeof fetch
    const named: NamedIdp = {
      origins,
      processEnv: { HTTPS_PROXY: proxy.url, https_proxy: proxy.url, NO_PROXY: '127.0.0.1,localhost,::1', no_proxy: '127.0.0.1,localhost,::1', REQUESTS_CA_BUNDLE: ca.caFile, SSL_CERT_FILE: ca.caFile },
      files: [ca.caFile],
      idpFetch,
      note: `the provider's own URLs on both servers (${all.join(', ')}), answered by the mock: the registry's through a CONNECT proxy of the test's (HTTPS_PROXY) and a test CA (REQUESTS_CA_BUNDLE, SSL_CERT_FILE), regcfg's and the browser's by the test's own routing`,
      stop: async () => {
        await proxy.stop()
        ca.remove()
      },
    }
    return { idp, named }
  } catch (e) {
    await idp?.stop()
    ca.remove()
    throw e
  }
}
