import type { Rule } from '../types.js'
import { classify, literalText } from '../values.js'
import { hitAt } from './_hits.js'

const MIN = 32

/** SECRET_KEY shorter than 32 characters or a known placeholder: the registry refuses to start. */
export const secretKeyWeak: Rule = {
  id: 'RC5106',
  name: 'secret-key-weak',
  severity: 'error',
  kind: 'config',
  description: `The application signing key (SECRET_KEY, app.secretKey, global.secretKey) is shorter than ${MIN} characters or a known placeholder; the registry refuses to start with it, and a guessable key forges sessions.`,
  fix: `Generate one with openssl rand -base64 48 (at least ${MIN} characters), keep it in a secret store and reference it.`,
  supersedes: ['RC5002'],
  check(view) {
    const hits = []
    for (const e of view.entriesOf('auth.secretKey')) {
      const v = literalText(e.value)
      if (v === undefined) continue
      const cls = classify(v)
      // a template's placeholder is replaced when the template is copied
      if (cls === 'placeholder' && view.file.role === 'example') continue
      if (cls === 'placeholder' || cls === 'weak-default') hits.push(hitAt(e, view.locate(e), `${e.key} is a ${cls === 'placeholder' ? 'placeholder' : 'well-known default'}, not a signing key`))
      else if ([...v].length < MIN) hits.push(hitAt(e, view.locate(e), `${e.key} is ${[...v].length} characters long; at least ${MIN} are required`))
    }
    return hits
  },
}
