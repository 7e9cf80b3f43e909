import { capture, patternRule, type PatternSpec } from './_pattern.js'

export const jwtPattern: PatternSpec = {
  id: 'RC5007',
  name: 'jwt',
  what: 'a JSON Web Token',
  description: 'A JSON Web Token (eyJ….eyJ….…): a bearer credential until it expires.',
  fix: 'Remove the token; issue tokens at run time (M2M client credentials) instead of storing them, and revoke it if it was ever committed.',
  needs: ['eyJ'],
  find: capture(/(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})/),
}

export const jwt = patternRule(jwtPattern)
