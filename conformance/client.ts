/**
 * A test browser in front of one surface: requests to the registry's public origin (the spec's
 * externalUrl, e.g. https://registry.example.com) go to that surface's auth-server on loopback, the
 * way DNS and the load balancer would send them. The auth-server still sees and emits the real URLs.
 */
import { Browser } from './harness/browser.js'
import { reach } from './harness/named-idp.js'

export interface Hop {
  url: string
  status: number
  location?: string
  setCookies: string[]
}

export class Visitor {
  readonly browser = new Browser()
  /** `idpOrigins`: the identity provider's own origins, where the run serves the mock under them. */
  constructor(private readonly publicOrigin: string, private readonly localOrigin: string, private readonly idpOrigins: Readonly<Record<string, string>> = {}) {}

  /** The URL actually requested: the registry origin mapped to the surface. */
  route(url: string): string {
    const u = new URL(url)
    return u.origin === this.publicOrigin ? this.localOrigin + u.pathname + u.search : url
  }

  /**
   * A request to the registry origin arrives as nginx forwards it: with X-Forwarded-Proto (the public
   * scheme), X-Forwarded-Host and X-Forwarded-For (docker/nginx_rev_proxy_*.conf, the /oauth2/ locations).
   */
  request(url: string, init: RequestInit = {}): Promise<Response> {
    const u = new URL(url)
    if (u.origin !== this.publicOrigin) return this.browser.request(reach(this.idpOrigins, url), init)
    const headers = new Headers(init.headers)
    headers.set('x-forwarded-proto', u.protocol.slice(0, -1))
    headers.set('x-forwarded-host', u.host)
    headers.set('x-forwarded-for', '127.0.0.1')
    return this.browser.request(this.route(url), { ...init, headers })
  }

  /** Cookies this browser holds for the registry. */
  cookies(): Map<string, string> {
    return this.browser.cookies(this.localOrigin)
  }

  cookieHeader(): string {
    return [...this.cookies()].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** Follows redirects until `stop(location)` or a non-redirect; every hop under its public URL. */
  async walk(url: string, stop: (location: string) => boolean, max = 20): Promise<Hop[]> {
    const hops: Hop[] = []
    let next: string | undefined = url
    while (next && hops.length < max) {
      const res = await this.request(next)
      await res.arrayBuffer()
      const raw = res.headers.get('location')
      const location: string | undefined = raw ? new URL(raw, next).href : undefined
      hops.push({ url: next, status: res.status, ...(location ? { location } : {}), setCookies: res.headers.getSetCookie() })
      if (!location || res.status < 300 || res.status >= 400 || stop(location)) break
      next = location
    }
    return hops
  }
}
