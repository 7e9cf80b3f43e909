import { capture, patternRule, type PatternSpec } from './_pattern.js'

export const awsAccessKeyIdPattern: PatternSpec = {
  id: 'RC5003',
  name: 'aws-access-key-id',
  what: 'an AWS access key id',
  description: 'An AWS access key id (AKIA…/ASIA…, 20 characters) in a surface file.',
  fix: 'Remove it and use the task role (ECS), IRSA (EKS) or a profile; deactivate the key in IAM if it was ever committed.',
  needs: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
  find: capture(/(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})(?![A-Z0-9])/),
}

export const awsAccessKeyId = patternRule(awsAccessKeyIdPattern)
