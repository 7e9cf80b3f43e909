import type { Entry } from '../types.js'
import { normalName } from './_keys.js'
import { patternRule, type PatternSpec } from './_pattern.js'

/** 40 base64 characters under a key named like AWS_SECRET_ACCESS_KEY / secretAccessKey. */
function find(e: Entry): string | undefined {
  const v = String(e.value).trim()
  // the value test first: it is cheap and rarely passes, the key's normal name costs a copy
  return /^[A-Za-z0-9/+=]{40}$/.test(v) && /secretaccesskey$/.test(normalName(e.key)) ? v : undefined
}

export const awsSecretAccessKeyPattern: PatternSpec = {
  id: 'RC5004',
  name: 'aws-secret-access-key',
  what: 'an AWS secret access key',
  description: 'An AWS secret access key (40 base64 characters) next to its name (AWS_SECRET_ACCESS_KEY, aws_secret_access_key, secretAccessKey).',
  fix: 'Remove it and use the task role (ECS), IRSA (EKS) or a profile; deactivate the key pair in IAM if it was ever committed.',
  find,
  minLength: 40,
}

export const awsSecretAccessKey = patternRule(awsSecretAccessKeyPattern)
