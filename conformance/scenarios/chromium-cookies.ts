import { chromiumMissing, frontedContext, type Exchange } from '../chromium.js'
import type { Scenario } from '../types.js'

/** A real browser logs in: the session cookie is stored (SameSite, Secure, Path, HttpOnly) and sent back to /validate. */
export default {
  id: 'chromium-cookies',
  title: 'headless Chromium login: cookies round-trip in a real browser',
  unavailable: chromiumMissing,
  async run(t) {
    const log: Exchange[] = []
    const context = await frontedContext(await t.chromium(), { [new URL(t.spec.externalUrl).origin]: t.local, [t.idp.baseUrl]: t.idp.baseUrl, ...t.idpOrigins }, log)
    try {
      context.on('weberror', () => {})
      const page = await context.newPage()
      await t.asUser(['registry-admins'], async () => {
        // a login refused on the way (the callback's 401) ends the wait there, not at waitForURL's timeout
        const landing = `${t.spec.registryUrl}/servers`
        const refused = page.waitForResponse((r) => r.status() >= 400 && r.request().isNavigationRequest() && !r.url().startsWith(landing), { timeout: 0 }).then((r) => {
          throw new Error(`the login ended at ${new URL(r.url()).pathname} with ${r.status()}`)
        })
        refused.catch(() => {})
        await page.goto(`${t.spec.externalUrl}/oauth2/login/${t.spec.provider}?redirect_uri=%2Fservers`)
        await Promise.race([page.waitForURL(landing), refused])
      })
      const jar = await context.cookies(t.spec.registryUrl)
      const session = jar.find((c) => c.name === 'mcp_gateway_session')
      const cookie = session ? { sameSite: session.sameSite, secure: session.secure, httpOnly: session.httpOnly, path: session.path, domain: session.domain } : null
      await page.goto(`${t.spec.registryUrl}/validate`)
      const validate = log.filter((x) => x.path === '/validate').at(-1)!
      t.check('landed on', new URL(page.url()).pathname, '/validate')
      t.check('session cookie', cookie, { sameSite: 'Lax', secure: t.spec.cookieSecure, httpOnly: true, path: '/', domain: new URL(t.spec.registryUrl).hostname })
      t.check('temporary login cookie gone', jar.some((c) => c.name === 'oauth2_temp_session'), false)
      t.check('browser sent the session to /validate', [validate.sentCookies.includes('mcp_gateway_session'), validate.status, validate.headers['x-auth-method']], [true, 200, 'session_cookie'])
      return { cookie, validate: { sent: validate.sentCookies, status: validate.status, user: validate.headers['x-username'] ?? null } }
    } catch (e) {
      throw new Error(`${(e as Error).message.split('\n')[0]} (${log.map((x) => `${x.path} ${x.status}`).join(', ')})`)
    } finally {
      await context.close()
    }
  },
} satisfies Scenario
