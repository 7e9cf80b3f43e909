import { mask } from '../mask.js'
import type { Rule } from '../types.js'
import { isWeak, literalText } from '../values.js'
import { entryHits, hitAt, named } from './_hits.js'

/** A literal value for a parameter the map declares secret, by its name on that surface. */
export const secretLiteral: Rule = {
  id: 'RC5001',
  name: 'secret-literal',
  severity: 'error',
  kind: 'secret',
  description: 'A parameter that the parameter map declares secret holds a literal value (by its name on this surface, including nested Helm and stack-chart paths).',
  fix: 'Replace the value with a reference and rotate the secret if it was ever committed: spec { env: NAME }; .env kept gitignored; Terraform TF_VAR_<name> or a gitignored *.auto.tfvars; Helm a Kubernetes Secret via app.existingSecret.',
  supersedes: ['RC5003', 'RC5004', 'RC5005', 'RC5006', 'RC5007', 'RC5008'],
  check: (view) =>
    entryHits(view, (e, loc) => {
      const v = loc?.param.secret ? literalText(e.value) : undefined
      return v !== undefined && !isWeak(v) ? hitAt(e, loc, `${named(e, loc)} is a secret and holds a literal value (${mask(v)})`) : undefined
    }),
}
