import type { SecretRef } from '../src/compiler/types.js'

/** How a reference reads in a sentence (never the secret itself). */
export function describeRef(ref: SecretRef): string {
  if ('env' in ref) return `environment variable ${ref.env}`
  if ('file' in ref) return `file ${ref.file}`
  if ('awsSecretsManager' in ref) return `AWS Secrets Manager ${ref.awsSecretsManager}`
  if ('kubernetesSecret' in ref) return `Kubernetes Secret ${ref.kubernetesSecret.name}/${ref.kubernetesSecret.key}`
  return 'a literal value'
}
