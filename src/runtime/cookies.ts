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
  sameSite: 'Lax' | 'Strict' | 'None'
}

export function setCookie(name: string, value: string, a: CookieAttrs): string {
  const parts = [`${name}=${value}`, 'Path=/', `Max-Age=${a.maxAge}`, 'HttpOnly', `SameSite=${a.sameSite}`]
  if (a.secure) parts.push('Secure')
  if (a.domain) parts.push(`Domain=${a.domain}`)
  return parts.join('; ')
}

export const clearCookie = (name: string, a: Omit<CookieAttrs, 'maxAge'>): string => setCookie(name, '', { ...a, maxAge: 0 })
