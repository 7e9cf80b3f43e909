/**
 * YAML 1.2's core schema for js-yaml, as the `yaml` package reads it. js-yaml's own CORE_SCHEMA keeps YAML
 * 1.1 forms among its numbers — binary `0b1`, `_` separators (`1_000`) — so a value the `yaml` package (and
 * every spec regcfg writes) treats as the string "0b1" would read back as the number 1. The four implicit
 * types are written out here: 1.2's null and bool (js-yaml's already are), and 1.2's int and float.
 */
import jsyaml from 'js-yaml'

const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/
const FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/

const nul = new jsyaml.Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (s: string | null) => s === null || /^(?:~|null|Null|NULL)$/.test(s),
  construct: () => null,
})

const bool = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (s: string | null) => s !== null && /^(?:true|True|TRUE|false|False|FALSE)$/.test(s),
  construct: (s: string) => s[0] === 't' || s[0] === 'T',
})

const int = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string | null) => s !== null && INT.test(s),
  construct: (s: string) => (s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
})

const float = new jsyaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string | null) => s !== null && FLOAT.test(s),
  construct: (s: string) => {
    const inf = /^([-+]?)\.inf$/i.exec(s)
    if (inf) return inf[1] === '-' ? -Infinity : Infinity
    return /^\.nan$/i.test(s) ? NaN : parseFloat(s)
  },
})

export const CORE_1_2 = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [nul, bool, int, float] })
