/**
 * .env value encoding that docker compose (compose-go) and the `dotenv` package read the same way
 * (rules: shared/reference/peers.md §4.3). Plain values stay bare; everything else is single-quoted
 * (literal in both); a value with a single quote is double-quoted only when it holds none of
 * \ $ " ` and no newline. A value ending in a backslash cannot be quoted (compose reads \' as an
 * escaped quote). Anything else has no portable form: undefined.
 */
const BARE = /^[A-Za-z0-9_./:@+,=-]+$/
const DQ_UNSAFE = /[\\$"`\n\r]/

export function encodeEnvValue(value: string): string | undefined {
  if (value === '') return "''"
  if (BARE.test(value)) return value
  if (value.endsWith('\\')) return undefined
  if (!value.includes("'")) return `'${value}'`
  if (!DQ_UNSAFE.test(value)) return `"${value}"`
  return undefined
}

/** Names that both compose and dotenv accept. */
export const isEnvName = (name: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
