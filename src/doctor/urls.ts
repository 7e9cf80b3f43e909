/** Pure URL-list logic shared by the Cognito and Keycloak checks. */

/** Adds what is missing at the end; keeps every URL already there, in order. */
export function mergeUrls(current: readonly string[] | undefined, wanted: readonly string[]): string[] {
  const out = [...(current ?? [])]
  for (const w of wanted) if (!out.includes(w)) out.push(w)
  return out
}

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(url).host.toLowerCase()
  } catch {
    return undefined
  }
}

export const isCloudFrontHost = (host: string | undefined): boolean => host !== undefined && host.endsWith('.cloudfront.net')

/**
 * When the expected URL is on a *.cloudfront.net host, the registered URLs with the same path on
 * another *.cloudfront.net host: the distribution was most likely recreated.
 */
export function staleCloudFront(registered: readonly string[] | undefined, expected: string): { url: string; host: string }[] {
  const want = hostOf(expected)
  if (!isCloudFrontHost(want)) return []
  const path = new URL(expected).pathname
  return (registered ?? []).flatMap((url) => {
    const host = hostOf(url)
    return isCloudFrontHost(host) && host !== want && new URL(url).pathname === path ? [{ url, host: host! }] : []
  })
}

export { hostOf }
