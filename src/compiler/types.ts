/** The four deployment surfaces regcfg compiles to. */
export const SURFACES = ['env', 'terraform', 'helm', 'helm-stack'] as const
export type Surface = (typeof SURFACES)[number]

/** Canonical parameter id: the spec path in dot form, e.g. `auth.cognito.userPoolId`. */
export type ParameterId = string & { readonly __brand?: 'ParameterId' }

/**
 * A reference to a secret. Specs may only hold the first four forms; `{ value }` is produced
 * internally when a surface file that holds values (a `.env`) is parsed back, and is never
 * accepted in a spec.
 */
export type SecretRef =
  | { env: string }
  | { file: string }
  | { awsSecretsManager: string }
  | { kubernetesSecret: { name: string; key: string } }
  | { value: string }

export type Scalar = string | number | boolean
export type ParamValue = Scalar | string[] | SecretRef

export function isSecretRef(v: unknown): v is SecretRef {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const keys = Object.keys(v)
  return keys.length === 1 && ['env', 'file', 'awsSecretsManager', 'kubernetesSecret', 'value'].includes(keys[0]!)
}

/** Canonical parameters in parameter-map order. Only `params.ts` and target parsers produce them. */
export type CanonicalParams = Map<ParameterId, ParamValue>

/** A file a target writes, relative to its output folder. */
export interface OutputFile {
  path: string
  content: string
  /** true when the file holds secret values and must never be tracked by git. */
  holdsSecrets?: boolean
}

/** Byte offsets into a source text: [start, end). */
export type Range = [number, number]

export type Severity = 'error' | 'warning' | 'info'

export interface Diagnostic {
  code: string
  severity: Severity
  message: string
  hint?: string
  file?: string
  /** JSON pointer into the spec (or the surface file's own key path). */
  pointer?: string
  range?: Range
  line?: number
  column?: number
  /** Which surface the diagnostic concerns, when it concerns one. */
  surface?: Surface
}
