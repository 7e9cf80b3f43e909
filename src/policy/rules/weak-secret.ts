import type { Rule } from '../types.js'
import { isWeak, literalText } from '../values.js'
import { namesASecret } from './_keys.js'
import { entryHits, hitAt, named } from './_hits.js'

/** A secret (declared or named like one) set to a known default or placeholder such as `changeme`. */
export const weakSecret: Rule = {
  id: 'RC5002',
  name: 'weak-secret',
  severity: 'warning',
  kind: 'config',
  description: 'A secret parameter, or a key named like a credential, holds a well-known default or placeholder (changeme, password, admin, your-…-here): deployed as-is it is a guessable credential.',
  fix: 'Generate a real value (e.g. openssl rand -base64 32), keep it in a secret store and reference it.',
  check: (view) =>
    entryHits(view, (e, loc) => {
      if (!(loc?.param.secret || (!loc && namesASecret(e.key)))) return undefined
      const v = literalText(e.value)
      return v !== undefined && isWeak(v) ? hitAt(e, loc, `${named(e, loc)} holds a well-known default or placeholder value`) : undefined
    }),
}
