import type { Rule } from '../types.js'
import { classify, literalText, type ValueClass } from '../values.js'
import { namesASecret } from './_keys.js'
import { entryHits, hitAt, named } from './_hits.js'

const SAYS: Record<Exclude<ValueClass, 'value'>, string> = {
  placeholder: 'holds a placeholder, not a value: replace it before deploy',
  'weak-default': 'holds a well-known default value: deployed as-is it is a guessable credential',
  comment: 'holds the text of a comment: docker compose reads an unquoted "# …" right after = as the value; leave the value empty (KEY=) or put the comment on its own line',
}

/**
 * A secret (declared or named like one) set to a placeholder (`changeme`, `your_…_here`,
 * `<set in …>`), a well-known default (`admin`, `password`) or a comment read as the value. In an
 * example or template a placeholder is what belongs there: only defaults and comments are reported.
 */
export const weakSecret: Rule = {
  id: 'RC5002',
  name: 'weak-secret',
  severity: 'warning',
  kind: 'config',
  description: 'A secret parameter, or a key named like a credential, holds a placeholder (changeme, your-…-here, <set in …>, xxxx: must be replaced before deploy), a well-known default (admin, password: a guessable credential) or, in a .env file, a comment that docker compose reads as the value. In an example or template file (.env.example, *.tfvars.example) placeholders are expected and not reported.',
  fix: 'Generate a real value (e.g. openssl rand -base64 32), keep it in a secret store and reference it; in a template leave the value empty or write a placeholder.',
  check: (view) =>
    entryHits(view, (e, loc) => {
      if (!(loc?.param.secret || (!loc && namesASecret(e.key)))) return undefined
      const v = literalText(e.value)
      const cls = v === undefined ? 'value' : classify(v)
      if (cls === 'value' || (cls === 'placeholder' && view.file.role === 'example')) return undefined
      return hitAt(e, loc, `${named(e, loc)} ${SAYS[cls]}`)
    }),
}
