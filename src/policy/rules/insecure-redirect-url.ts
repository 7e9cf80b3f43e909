import type { Entry, FileView, Rule, RuleHit } from '../types.js'
import { hitAt } from './_hits.js'

/** The parameters that become the callback (<auth-server URL>/oauth2/callback/<provider>) and sign-out (<registry URL>/login) URLs. */
const REDIRECT_BASES = ['registry.externalUrl', 'auth.serverExternalUrl']

const LOCAL = /^(localhost|127(\.\d+){3}|\[::1\]|[^/]*\.localhost)$/

function hostOf(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, '').split(/[/:?#]/)[0]!.toLowerCase()
}

function httpHit(view: FileView, e: Entry): RuleHit[] {
  if (typeof e.value !== 'string' || !/^http:\/\//i.test(e.value) || LOCAL.test(hostOf(e.value))) return []
  return [hitAt(e, view.locate(e), `${e.key} is plain http (${hostOf(e.value)}); the callback and sign-out URLs built from it are not https`)]
}

/** Helm: the URL is https://<global.domain> unless global.ingress.tls is false. */
function tlsOffHit(view: FileView, e: Entry, domain: string | undefined): RuleHit[] {
  if (e.value !== false || !/\.tls$/.test(e.key) || (domain !== undefined && LOCAL.test(domain))) return []
  return [hitAt(e, view.locate(e), `${e.key} is false, so the registry's callback and sign-out URLs on ${domain ?? 'its domain'} are plain http`)]
}

export const insecureRedirectUrl: Rule = {
  id: 'RC5104',
  name: 'insecure-redirect-url',
  severity: 'error',
  kind: 'config',
  description: 'The registry or auth-server external URL, from which the OAuth callback and sign-out URLs are built, is plain http on a host other than localhost. Identity providers reject (or leak codes over) non-https redirect URIs.',
  fix: 'Serve the registry over https (an ingress or load balancer with TLS) and write https:// URLs; plain http is only for http://localhost.',
  check(view) {
    const entries: Entry[] = []
    for (const id of REDIRECT_BASES) entries.push(...view.entriesOf(id))
    if (entries.length === 0) return []
    const domain = entries.find((e) => /\.domain$/.test(e.key) && typeof e.value === 'string')?.value as string | undefined
    const hits: RuleHit[] = []
    for (const e of entries) hits.push(...httpHit(view, e), ...tlsOffHit(view, e, domain))
    return hits
  },
}
