import { capture, patternRule, type PatternSpec } from './_pattern.js'

export const privateKeyPattern: PatternSpec = {
  id: 'RC5006',
  name: 'private-key',
  what: 'a PEM private key',
  description: 'A PEM private key block (-----BEGIN … PRIVATE KEY-----).',
  fix: 'Keep the key in a file that git ignores or in a secret store and reference it by path or Secret name; replace the key pair if it was ever committed.',
  needs: ['-----BEGIN'],
  find: capture(/(-----BEGIN[A-Z ]{0,30}PRIVATE KEY( BLOCK)?-----)/),
}

export const privateKey = patternRule(privateKeyPattern)
