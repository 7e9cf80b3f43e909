/**
 * Terraform expressions as `@cdktf/hcl2json` gives them: JSON with `${...}` template strings, the
 * form terraform itself reads from `.tf.json`. HashiCorp's parser (hcl2json's `getExpressionAst`)
 * gives each template's syntax tree with byte ranges; this module walks that tree (traversals,
 * object items, literal strings) and rewrites a template by byte ranges. Nothing here evaluates.
 */
import type { TFExpressionSyntaxTree as T } from '@cdktf/hcl2json'

type ExpressionType = T.ExpressionType
type TerraformTraversalPart = T.TerraformTraversalPart
export type { ExpressionType }

type Hcl2Json = typeof import('@cdktf/hcl2json')
let loaded: Promise<Hcl2Json> | undefined
/** hcl2json is WASM (about a second to start): loaded on first use. */
export const hcl2json = (): Promise<Hcl2Json> => (loaded ??= import('@cdktf/hcl2json').then((m) => ((m as { default?: Hcl2Json }).default ?? m) as Hcl2Json))

/** A template parsed: its tree, and the bytes the tree's ranges count in. */
export interface ParsedTemplate {
  text: string
  bytes: Buffer
  ast: ExpressionType
}

// A heredoc takes any template text as it is (quotes, newlines, backslashes), which a quoted string does not.
const MARK = 'EOT_REGCFG_TEMPLATE'
const PREFIX = `<<${MARK}\n`
const PREFIX_BYTES = Buffer.byteLength(PREFIX)

/** Parses a `.tf.json` template string (e.g. `https://${var.domain_name}`, `${merge(...)}`). */
export async function parseTemplate(text: string): Promise<ParsedTemplate> {
  const h = await hcl2json()
  const ast = await h.getExpressionAst('expression.tf', `${PREFIX}${text}\n${MARK}\n`)
  if (!ast) throw new Error('empty expression')
  return { text, bytes: Buffer.from(text), ast }
}

/** An expression in native syntax (an object item's value) as a template that is only that expression. */
export const asTemplate = (nativeExpression: string): string => '${' + nativeExpression + '}'

/** A reference `root.a.b[0].c` in a template, with its byte range in the template text. */
export interface Traversal {
  root: string
  /** The traversal's parts after the root: names and index keys, as written. */
  parts: string[]
  start: number
  end: number
  /** Its source text, e.g. `aws_secretsmanager_secret.keycloak_client_secret.arn`. */
  source: string
}

const partsRange = (parts: TerraformTraversalPart[]): [number, number] => [parts[0]!.range.start.byte - PREFIX_BYTES, parts[parts.length - 1]!.range.end.byte - PREFIX_BYTES]

/** Every scope traversal in the tree but the names a `for` binds. */
export function traversals(t: ParsedTemplate, node: ExpressionType = t.ast, bound: ReadonlySet<string> = new Set()): Traversal[] {
  if (node.type === 'scopeTraversal') {
    const parts = node.meta.traversal
    if (parts.length === 0 || bound.has(parts[0]!.segment)) return []
    const [start, end] = partsRange(parts)
    return [{ root: parts[0]!.segment, parts: parts.slice(1).map((p) => p.segment), start, end, source: t.bytes.subarray(start, end).toString() }]
  }
  const inner = node.type === 'for' ? new Set([...bound, node.meta.keyVar, node.meta.valVar].filter(Boolean)) : bound
  return (node.children ?? []).flatMap((c) => traversals(t, c, inner))
}

/** The value of a template that is one literal string (`"auth-server"`), else undefined. */
export function literalString(node: ExpressionType | undefined): string | undefined {
  if (!node) return undefined
  if (node.type === 'literalValue' && node.meta.type === 'string') return node.meta.value
  if (node.type !== 'template' && node.type !== 'templateWrap') return undefined
  const kids = node.children ?? []
  if (kids.length === 0) return ''
  if (!kids.every((k) => k.type === 'literalValue' && k.meta.type === 'string')) return undefined
  return kids.map((k) => (k as { meta: { value: string } }).meta.value).join('')
}

/** Whether the template is one interpolation and nothing else (`${cond ? 1 : 0}`): then it is that expression's value, not a string. */
export function isSingleInterpolation(t: ParsedTemplate): boolean {
  const kids = t.ast.children ?? []
  // the heredoc parseTemplate wraps the text in ends the template with a literal newline
  const [x, nl] = kids
  return t.ast.type === 'template' && kids.length === 2 && x !== undefined && x.type !== 'literalValue' && nl?.type === 'literalValue' && nl.meta.value === '\n' && t.text.startsWith('${') && t.text.endsWith('}')
}

/** An object constructor's items: key as written, value node, and the value's native source text. */
export interface ObjectItem {
  key: string
  value: ExpressionType
  source: string
}

export function objectItems(t: ParsedTemplate, node: ExpressionType): ObjectItem[] | undefined {
  if (node.type !== 'object') return undefined
  const items = node.meta.items ?? {}
  const kids = node.children ?? []
  const out: ObjectItem[] = []
  for (let i = 0; i + 1 < kids.length; i += 2) {
    const k = kids[i]!
    const key = keyText(t, k)
    if (key !== undefined && key in items) out.push({ key, value: kids[i + 1]!, source: items[key]! })
  }
  return out
}

// A bare key (`auth-server = {...}`) is an untyped node without meta: its text is its source range.
function keyText(t: ParsedTemplate, k: ExpressionType): string | undefined {
  const lit = literalString(k)
  if (lit !== undefined) return lit
  if (k.type === 'scopeTraversal') return k.meta.traversal.map((p) => p.segment).join('.')
  return t.bytes.subarray(k.range.start.byte - PREFIX_BYTES, k.range.end.byte - PREFIX_BYTES).toString()
}

/** Every node of the tree, depth first (for finding objects anywhere in merges and conditionals). */
export function* nodes(node: ExpressionType): Generator<ExpressionType> {
  yield node
  for (const c of node.children ?? []) yield* nodes(c)
}

export interface Replacement {
  start: number
  end: number
  text: string
}

/** The template with byte ranges replaced (ranges must not overlap). */
export function rewrite(t: ParsedTemplate, replacements: readonly Replacement[]): string {
  const sorted = [...replacements].sort((a, b) => a.start - b.start)
  const out: Buffer[] = []
  let at = 0
  for (const r of sorted) {
    out.push(t.bytes.subarray(at, r.start), Buffer.from(r.text))
    at = r.end
  }
  out.push(t.bytes.subarray(at))
  return Buffer.concat(out).toString()
}

/** A native-syntax quoted string holding `s` literally. */
export const quoted = (s: string): string => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$\{/g, '$${').replace(/%\{/g, '%%{').replace(/\n/g, '\\n') + '"'
