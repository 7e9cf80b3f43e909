/**
 * A minimal browser for tests: a cookie jar per host:port and manual redirect following, so a test
 * can walk login → IdP → callback and look at every hop.
 */
export interface Hop {
  url: string
  status: number
  location?: string
  headers: Headers
}

export class Browser {
  private jars = new Map<string, Map<string, string>>()

  /** Cookies the jar holds for an origin (host:port). */
  cookies(url: string): Map<string, string> {
    const host = new URL(url).host
    let jar = this.jars.get(host)
    if (!jar) this.jars.set(host, (jar = new Map()))
    return jar
  }

  /** One request: sends the jar's cookies, stores Set-Cookie, never follows a redirect. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const jar = this.cookies(url)
    const headers = new Headers(init.headers)
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '))
    const res = await fetch(url, { ...init, headers, redirect: 'manual' })
    for (const line of res.headers.getSetCookie()) this.store(jar, line)
    return res
  }

  private store(jar: Map<string, string>, line: string): void {
    const [pair, ...attrs] = line.split(';')
    const eq = pair!.indexOf('=')
    const name = pair!.slice(0, eq).trim()
    const value = pair!.slice(eq + 1).trim()
    const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a))
    if (expired || value === '') jar.delete(name)
    else jar.set(name, value)
  }

  /** Follows redirects from url until a non-redirect answer or `stopAt` matches a Location. */
  async follow(url: string, stopAt?: (location: string) => boolean, max = 20): Promise<Hop[]> {
    const hops: Hop[] = []
    let next: string | undefined = url
    while (next && hops.length < max) {
      const res = await this.request(next)
      await res.arrayBuffer()
      const location = res.headers.get('location') ?? undefined
      const abs: string | undefined = location ? new URL(location, next).href : undefined
      hops.push({ url: next, status: res.status, location: abs, headers: res.headers })
      if (!abs || res.status < 300 || res.status >= 400 || stopAt?.(abs)) break
      next = abs
    }
    return hops
  }
}
