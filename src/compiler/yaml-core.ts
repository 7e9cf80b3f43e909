/**
 * YAML 1.2's core schema as the `yaml` package reads it, for js-yaml and for hand-written readers. js-yaml's
 * own CORE_SCHEMA keeps YAML 1.1 forms among its numbers — binary `0b1`, `_` separators (`1_000`) — so a value
 * the `yaml` package (and every spec regcfg writes) keeps as the string "0b1" would read back as the number 1.
 * Used by the spec's fast reader (compiler/load.ts) and the linter's YAML readers (policy/read/).
 */
import jsyaml from 'js-yaml'

/** The `yaml` package's core tests, tried in this order. */
const CORE = {
  null: /^(?:~|[Nn]ull|NULL)?$/,
  bool: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  int: /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/,
  float: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/,
}
const intOf = (s: string) => (s[1] === 'o' ? parseInt(s.slice(2), 8) : s[1] === 'x' ? parseInt(s.slice(2), 16) : parseInt(s, 10))
const boolOf = (s: string) => s[0] === 't' || s[0] === 'T'

function floatOf(s: string): number {
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(s)) return s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  return /^\.(?:nan|NaN|NAN)$/.test(s) ? Number.NaN : parseFloat(s)
}

const scalar = (tag: string, test: RegExp, construct: (s: string) => unknown) =>
  new jsyaml.Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (s: string | null) => s !== null && test.test(s), construct })

export const CORE_1_2 = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [scalar('null', CORE.null, () => null), scalar('bool', CORE.bool, boolOf), scalar('int', CORE.int, intOf), scalar('float', CORE.float, floatOf)],
})

/** First characters (by code unit < 128) of the plain scalars that resolve to something other than a string. */
const MAY_RESOLVE: boolean[] = Array.from({ length: 128 }, (_, c) => '~nNtTfF+-.0123456789'.includes(String.fromCharCode(c)))

/** A plain scalar's value under the YAML 1.2 core schema, as the `yaml` package resolves it. */
export function resolvePlain(s: string): unknown {
  // every null, bool, int and float starts with one of ~ n N t T f F + - . 0-9 (or is empty): other words are strings
  if (s.length > 0 && !MAY_RESOLVE[s.charCodeAt(0)]) return s
  if (CORE.null.test(s)) return null
  if (CORE.bool.test(s)) return boolOf(s)
  if (CORE.int.test(s)) return intOf(s)
  if (CORE.float.test(s)) return floatOf(s)
  return s
}
