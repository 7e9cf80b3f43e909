/**
 * Value classes shared by the secret rules. A reference or placeholder never is a finding:
 * empty, ${VAR} / $VAR, {{ template }}, <placeholder>, a Secrets Manager or SSM ARN, or a mask (****).
 */
const REFERENCES: readonly RegExp[] = [
  /^\s*$/,
  /^\$\{[^}]+\}$/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/,
  /^\{\{.*\}\}$/s,
  /^<[^<>]+>$/,
  /^arn:aws[\w-]*:(secretsmanager|ssm):/,
  /^\*+$/,
]

export function isReference(v: unknown): boolean {
  if (v === null || v === undefined) return true
  if (typeof v !== 'string') return false
  const t = v.trim()
  return REFERENCES.some((re) => re.test(t))
}

/** A scalar that could hold a secret: a string or number (booleans and structures cannot). */
export function literalText(v: unknown): string | undefined {
  if (typeof v === 'string') return isReference(v) ? undefined : v
  if (typeof v === 'number' || typeof v === 'bigint') return String(v)
  return undefined
}

/** Known default or placeholder values: deployed as-is they are a guessable credential. */
const WEAK = new Set(
  [
    'changeme', 'change-me', 'change_me', 'changeit', 'password', 'passw0rd', 'p@ssw0rd', 'secret', 'admin', 'administrator',
    'default', 'example', 'test', 'testing', 'demo', 'dummy', 'sample', 'placeholder', 'replaceme', 'replace-me', 'replace_me',
    'todo', 'tbd', 'none', 'null', '123456', '12345678', 'qwerty', 'letmein', '2federatem0re', 'keycloak', 'mysecret', 'supersecret',
  ],
)

export function isWeak(v: string): boolean {
  const s = v.trim().toLowerCase()
  return WEAK.has(s) || /^x{3,}$/.test(s) || /^(your|my|enter|insert|put)[-_ ]/.test(s) || /(^|[-_ ])(here|changeme|replace[-_]?me|placeholder)$/.test(s)
}
