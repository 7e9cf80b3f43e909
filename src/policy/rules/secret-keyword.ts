import { mask } from '../mask.js'
import type { Rule } from '../types.js'
import { isWeak, literalText } from '../values.js'
import { namesASecret } from './_keys.js'
import { entryHits, hitAt } from './_hits.js'

/** A key the map does not know whose own name says it holds a credential (DB_PASSWORD, auth.clientSecret). */
export const secretKeyword: Rule = {
  id: 'RC5008',
  name: 'secret-keyword',
  severity: 'error',
  kind: 'secret',
  description: 'A key that is not in the parameter map but is named like a credential (…SECRET, …PASSWORD, …TOKEN, …API_KEY) holds a literal value. Keys that only name a secret (existingSecret, *ExistingSecretKey, *SecretName, *_ARN) are never findings.',
  fix: 'Move the value to a secret store and reference it (${VAR}, an existing Kubernetes Secret, a Secrets Manager ARN); rotate it if it was ever committed.',
  check: (view) =>
    entryHits(view, (e, loc) => {
      if (loc || !namesASecret(e.key)) return undefined
      const v = literalText(e.value)
      return v !== undefined && !isWeak(v) ? hitAt(e, loc, `${e.key} is named like a credential and holds a literal value (${mask(v)})`) : undefined
    }),
}
