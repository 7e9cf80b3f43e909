/**
 * `terraform plan -json` diagnostics → regcfg diagnostics that point at the user's files (the
 * emitted tfvars, the registry's variable declarations), not at the render's temporary folder.
 * Values are never copied: terraform's `snippet.values` are dropped. Pure.
 */
import { diag } from '../../src/compiler/diagnostics.js'
import type { Diagnostic } from '../../src/compiler/types.js'
import type { RenderMeta } from './render-meta.js'

interface TfPos {
  line: number
  column: number
}
interface TfDiagnostic {
  severity: 'error' | 'warning'
  summary: string
  detail?: string
  range?: { filename: string; start: TfPos }
}

export interface DiagnosticContext {
  meta: RenderMeta
  registryDir: string
  /** The render's var-file path → the emitted file's name (`terraform.tfvars`) and text. */
  varFiles: ReadonlyMap<string, { name: string; text: string }>
}

/** The diagnostics in terraform's machine-readable UI stream (one JSON object a line). */
export function tfDiagnostics(jsonLines: string): TfDiagnostic[] {
  const out: TfDiagnostic[] = []
  for (const line of jsonLines.split('\n')) {
    if (!line.startsWith('{')) continue
    try {
      const m = JSON.parse(line) as { type?: string; diagnostic?: TfDiagnostic }
      if (m.type === 'diagnostic' && m.diagnostic) out.push(m.diagnostic)
    } catch {
      /* not a UI message */
    }
  }
  return out
}

const noneOf = (xs: string[]): string => (xs.length === 2 ? `neither ${xs[0]} nor ${xs[1]}` : `none of ${xs.join(', ')}`)
const quotedName = (detail: string | undefined, re: RegExp): string | undefined => (detail ? re.exec(detail)?.[1] : undefined)

export function toDiagnostics(ds: readonly TfDiagnostic[], ctx: DiagnosticContext): Diagnostic[] {
  const out: Diagnostic[] = []
  const root = `${ctx.registryDir.replace(/\/$/, '')}/`
  const varsWhere = [...new Set(Object.values(ctx.meta.rootVars).map((v) => v.file))].join(', ')
  const emitted = [...new Set([...ctx.varFiles.values()].map((f) => f.name))]
  for (const d of ds) {
    if (d.summary.startsWith('Deprecated flag')) continue
    if (d.summary === 'No value for required variable') {
      const name = quotedName(d.detail, /input variable "([^"]+)"/) ?? '?'
      const v = ctx.meta.rootVars[name]
      const hint = v?.sensitive
        ? `It is a secret: export TF_VAR_${name}=... where terraform plan/apply runs, or write it to secrets.auto.tfvars (regcfg compile --write-secrets, a file git ignores); map it in the spec so regcfg emits it.`
        : `Set it in the spec so regcfg writes it to terraform.tfvars, or export TF_VAR_${name}=... before terraform plan/apply.`
      out.push({ ...diag('RC7101', { surface: 'terraform', ...(v ? { file: root + v.file } : {}) }, { name, where: noneOf([...emitted, `TF_VAR_${name}`]), hint }), ...(v ? { line: v.line, column: 1 } : {}) })
      continue
    }
    const at = place(d, ctx, root)
    if (d.summary === 'Value for undeclared variable') {
      const name = quotedName(d.detail, /named "([^"]+)"/) ?? '?'
      const line = at.pos.line ?? (at.text !== undefined ? lineOfKey(at.text, name) : undefined)
      out.push({ ...diag('RC7103', { surface: 'terraform', ...(at.file ? { file: at.file } : {}) }, { file: at.file ?? emitted.join(', '), name, decls: varsWhere }), ...at.pos, ...(line ? { line, column: 1 } : {}) })
      continue
    }
    const detail = d.detail ? `: ${d.detail.replace(/\s+/g, ' ').trim()}` : ''
    const hint = at.inRender ? 'The render could not evaluate the registry\'s expression here (a placeholder or a construct it does not lift); see the substitutions.' : 'Fix the value in the spec (or the TF_VAR_ you export); terraform plan shows the same.'
    const code = d.severity === 'error' ? 'RC7102' : 'RC7104'
    out.push({ ...diag(code, { surface: 'terraform', ...(at.file ? { file: at.file } : {}) }, { summary: d.summary, detail, hint }), ...at.pos })
  }
  return out
}

/** The line of `name =` in a tfvars text (terraform names the file of an undeclared variable, not the line). */
function lineOfKey(text: string, name: string): number | undefined {
  const i = text.split('\n').findIndex((l) => new RegExp(`^[ \\t]*"?${name.replace(/[^\w-]/g, '')}"?[ \\t]*=`).test(l))
  return i < 0 ? undefined : i + 1
}

function place(d: TfDiagnostic, ctx: DiagnosticContext, root: string): { file?: string; text?: string; pos: { line?: number; column?: number }; inRender: boolean } {
  const fromDetail = quotedName(d.detail, /in file "([^"]+)"/)
  const f = d.range?.filename ?? fromDetail
  if (!f) return { pos: {}, inRender: false }
  const emitted = ctx.varFiles.get(f)
  if (emitted) return { file: emitted.name, text: emitted.text, pos: d.range ? { line: d.range.start.line, column: d.range.start.column } : {}, inRender: false }
  const v = /variable/.test(d.summary) ? quotedName(d.detail, /var\.([\w-]+)/) : undefined
  const decl = v ? ctx.meta.rootVars[v] : undefined
  if (decl) return { file: root + decl.file, pos: { line: decl.line, column: 1 }, inRender: false }
  return { pos: {}, inRender: true }
}
