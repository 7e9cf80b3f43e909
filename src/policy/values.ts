/**
 * Value classes shared by the secret rules. A reference never is a finding: empty, ${VAR} / $VAR,
 * {{ template }}, a Secrets Manager or SSM ARN, or a mask (****).
 */
const REFERENCES: readonly RegExp[] = [
  /^\s*$/,
  /^\$\{[^}]+\}$/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/,
  /^\{\{.*\}\}$/s,
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

/** What a literal is, for the secret rules: a placeholder to replace, a well-known default, a comment read as the value, or a value. */
export type ValueClass = 'placeholder' | 'weak-default' | 'comment' | 'value'

/** Words that mean "put the real value here". */
const PLACEHOLDER_WORDS = new Set([
  'changeme', 'change-me', 'change_me', 'changeit', 'replaceme', 'replace-me', 'replace_me', 'placeholder', 'todo', 'tbd',
  'example', 'dummy', 'sample', 'fake', 'redacted', 'notset', 'not-set', 'unset',
])

/** Written to be replaced: `<set in secrets.auto.tfvars>`, `xxxx`. */
const PLACEHOLDER: readonly RegExp[] = [/^<[^<>]+>$/, /^x{3,}$/]

/**
 * Written to be replaced when made of words: `your_…_here`, `CHANGE-ME-SET-STRONG-PASSWORD`,
 * `fake-client-secret`, `REPLACE_ME`. A random-looking part (`changeme-2f9a8c1d7e`) makes it a value.
 */
const PLACEHOLDER_PHRASE: readonly RegExp[] = [
  /^(your|my|enter|insert|put|add)[-_ ]/,
  /(^|[-_ ])(here|changeme|change[-_]me|replace[-_]?me|placeholder)$/,
  /^(change|replace|set)[-_ ]?(me|this|it)([-_ ]|$)/,
  /^(fake|dummy|example|sample|placeholder)[-_ ]/,
]

/** Words only: no part of six or more characters mixes letters and digits (a random string). */
const wordsOnly = (s: string): boolean => s.split(/[-_ .]+/).every((w) => w.length < 6 || !(/[0-9]/.test(w) && /[a-z]/.test(w)))

/** Well-known passwords and defaults: real values that anyone can guess. */
const WEAK_DEFAULTS = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'pass', 'secret', 'admin', 'administrator', 'root', 'guest', 'default', 'test', 'testing',
  'demo', 'none', 'null', '123456', '12345678', 'qwerty', 'letmein', '2federatem0re', 'keycloak', 'mysecret', 'supersecret', 'foo', 'bar',
])

export function classify(v: string): ValueClass {
  const s = v.trim().toLowerCase()
  // docker compose reads `KEY= # note` as the value "# note": the comment became the value
  if (s.startsWith('#')) return 'comment'
  if (PLACEHOLDER_WORDS.has(s) || PLACEHOLDER.some((re) => re.test(s)) || (PLACEHOLDER_PHRASE.some((re) => re.test(s)) && wordsOnly(s))) return 'placeholder'
  if (WEAK_DEFAULTS.has(s)) return 'weak-default'
  return 'value'
}

/** A placeholder, a well-known default or a comment: not a leaked secret (RC5002's, never RC5001's or RC5008's). */
export const isWeak = (v: string): boolean => classify(v) !== 'value'
