import { capture, patternRule, type PatternSpec } from './_pattern.js'

export const entraClientSecretPattern: PatternSpec = {
  id: 'RC5005',
  name: 'entra-client-secret',
  what: 'a Microsoft Entra client secret',
  description: 'A Microsoft Entra ID (Azure AD) client secret: three characters, a digit, "Q~", then 31–34 characters.',
  fix: 'Delete the secret under App registrations → Certificates & secrets, create a new one and keep it in a secret store (ENTRA_CLIENT_SECRET from the environment, an existing Kubernetes Secret, Secrets Manager).',
  needs: ['Q~'],
  find: capture(/(?:^|[\s'"`=:(,])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?:$|[\s'"`),])/),
}

export const entraClientSecret = patternRule(entraClientSecretPattern)
