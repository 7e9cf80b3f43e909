/**
 * Headless Chromium (Debian `chromium`, driven by playwright-core) for the cookie round-trip scenario.
 * The registry origin (https://registry.example.com) is served by intercepting its requests and
 * answering them from the surface's auth-server on loopback, so the browser keeps the real https
 * origin: Secure cookies behave as in production, with no certificate and no host mapping.
 * Chromium does not follow a redirect that an intercepted request is fulfilled with (the next hop
 * leaves the interception and fails DNS), so a 3xx of the auth-server is handed to the browser as a
 * 200 page that moves on at once (meta refresh) with the same Set-Cookie headers. The same holds for
 * a redirect of a real response (the IdP's to the callback), so the mock IdP's origin is fronted the
 * same way. Cookies are the browser's own: set by Set-Cookie, sent by Chromium from its jar.
 */
import { existsSync } from 'node:fs'
import type { Browser, BrowserContext, Route } from 'playwright-core'
import { reach } from './harness/named-idp.js'

export const chromiumPath = (): string => process.env.REGCFG_CHROMIUM ?? '/usr/bin/chromium'

export function chromiumMissing(): string | undefined {
  return existsSync(chromiumPath()) ? undefined : `no Chromium at ${chromiumPath()} (install Debian chromium or set REGCFG_CHROMIUM)`
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core')
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] })
}

/** What the browser sent to the registry origin and what it got back, per request. */
export interface Exchange {
  path: string
  sentCookies: string[]
  status: number
  headers: Record<string, string>
}

/**
 * A context whose requests to each public origin are answered from its local origin (the registry →
 * the surface's auth-server; the mock IdP → itself, so its redirects become page loads that stay
 * intercepted too).
 */
export async function frontedContext(browser: Browser, origins: Record<string, string>, log: Exchange[]): Promise<BrowserContext> {
  const context = await browser.newContext()
  await context.route((u) => u.origin in origins, (route) =>
    answer(route, origins, log).catch(async (e: Error) => {
      log.push({ path: `error: ${e.message}`, sentCookies: [], status: 0, headers: {} })
      await route.abort().catch(() => {})
    }))
  return context
}

const HOP = new Set(['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding'])

async function answer(route: Route, origins: Record<string, string>, log: Exchange[]): Promise<void> {
  const req = route.request()
  const headers = await req.allHeaders()
  const url = new URL(req.url())
  const forward = Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP.has(k) && !k.startsWith(':')))
  // as nginx forwards it to the auth-server (X-Forwarded-Proto is the public scheme: the Secure decision)
  Object.assign(forward, { 'x-forwarded-proto': url.protocol.slice(0, -1), 'x-forwarded-host': url.host, 'x-forwarded-for': '127.0.0.1' })
  const res = await fetch(reach(origins, url.href), { method: req.method(), headers: forward, redirect: 'manual' })
  const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null
  const body = location ? Buffer.from(`<!doctype html><meta http-equiv="refresh" content="0;url=${location.replace(/"/g, '&quot;')}">`) : Buffer.from(await res.arrayBuffer())
  const out: Record<string, string> = {}
  res.headers.forEach((v, k) => {
    if (k !== 'set-cookie' && !HOP.has(k) && !(location && k === 'location')) out[k] = v
  })
  if (location) out['content-type'] = 'text/html'
  const cookies = res.headers.getSetCookie()
  if (cookies.length) out['set-cookie'] = cookies.join('\n')
  log.push({ path: url.pathname, sentCookies: (headers.cookie ?? '').split(';').map((c) => c.split('=')[0]!.trim()).filter(Boolean), status: res.status, headers: out })
  await route.fulfill({ status: location ? 200 : res.status, headers: out, body })
}
