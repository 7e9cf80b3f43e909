/** Cookie header parsing and Set-Cookie rendering (RFC 6265 subset). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    const name = part.slice(0, eq).trim()
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim())
  }
  return out
}

export interface CookieAttrs {
  maxAge: number
  secure: boolean
  domain?: string
  sameSite: 'lax' | 'strict' | 'none'
}

/**
 * A Set-Cookie line as the registry's auth-server writes one (Starlette's set_cookie through Python's
 * SimpleCookie: attributes in its sorted order, SameSite lower case), so both servers' lines are the same.
 */
export function setCookie(name: string, value: string, a: CookieAttrs): string {
  const parts = [`${name}=${value}`]
  if (a.domain) parts.push(`Domain=${a.domain}`)
  parts.push('HttpOnly', `Max-Age=${a.maxAge}`, 'Path=/', `SameSite=${a.sameSite}`)
  if (a.secure) parts.push('Secure')
  return parts.join('; ')
}

/** Starlette's delete_cookie(name, path="/"): an empty quoted value that expires now. */
export const deleteCookie = (name: string, now = new Date()): string => `${name}=""; expires=${now.toUTCString()}; Max-Age=0; Path=/; SameSite=lax`
