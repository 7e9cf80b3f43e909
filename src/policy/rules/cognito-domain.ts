import type { Rule } from '../types.js'
import { hitAt } from './_hits.js'

function problem(v: string): string | undefined {
  if (v === 'auto') return '"auto" (docker compose\'s default) is taken as a prefix: https://auto.auth.<region>.amazoncognito.com'
  if (/[./:]/.test(v)) return 'is a URL or host where a prefix is expected: the registry builds https://<value>.auth.<region>.amazoncognito.com'
  return undefined
}

/** COGNITO_DOMAIN must be a hosted-UI prefix; a full host, URL or `auto` yields a domain that does not exist. */
export const cognitoDomain: Rule = {
  id: 'RC5103',
  name: 'cognito-domain-not-prefix',
  severity: 'error',
  kind: 'config',
  description: 'The Cognito hosted UI domain (COGNITO_DOMAIN, cognito_domain, cognito.domain) is a full host, a URL or "auto". The registry treats it as a prefix, so the login redirect lands on a non-existent amazoncognito.com domain.',
  fix: 'Write only the prefix (my-registry for https://my-registry.auth.<region>.amazoncognito.com), or leave it empty to derive it from the User Pool id.',
  check(view) {
    const hits = []
    for (const e of view.entriesOf('auth.cognito.domain')) {
      const why = typeof e.value === 'string' ? problem(e.value.trim()) : undefined
      if (why) hits.push(hitAt(e, view.locate(e), `${e.key} ${why}`))
    }
    return hits
  },
}
