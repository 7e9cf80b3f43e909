/** Key names that say "this holds a credential", and names that only point at one. */
const SECRETISH = /(secret|password|passwd|pwd|passphrase|token|apikey|secretkey|accesskey|privatekey|credentials?)$/
const POINTER = /existing|secretname|secretref|keyref|(arn|file|path|url|uri|id|name|ttl|hours|enabled)$/

const lastSegment = (key: string): string => key.slice(key.lastIndexOf('.') + 1)

/** Whether a key's own name says it holds a credential (`DB_PASSWORD`, `auth.clientSecret`), not a pointer to one. */
export function namesASecret(key: string): boolean {
  let says = verdicts.get(key)
  if (says === undefined) {
    const last = normalName(key)
    verdicts.set(key, (says = SECRETISH.test(last) && !POINTER.test(last)))
  }
  return says
}

/** Keys repeat across a tree's files (and two rules ask): each name is judged once per run. */
const verdicts = new Map<string, boolean>()

/** The key's last segment in one spelling (`ALLOWED_IDP_GROUPS`, `allowed_idp_groups`, `allowedIdpGroups` → allowedidpgroups). */
export const normalName = (key: string): string => lastSegment(key).toLowerCase().replace(/[-_]/g, '')
