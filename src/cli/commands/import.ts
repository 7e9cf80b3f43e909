import { basename } from 'node:path'
import { importSurface, renderSpec } from '../../compiler/import.js'
import { SURFACES, type Surface } from '../../compiler/types.js'
import { targetFor } from '../../../targets/index.js'
import { formatText } from '../format/text.js'
import { ExitStatus } from '../exit.js'
import { type Host } from '../host.js'
import type { Flags } from './_shared.js'
import { UserError } from '../../errors.js'

export const importHelp = `regcfg import FILE... [--surface env|terraform|helm|helm-stack] [--out SPEC]
  Reads existing deployment files (.env; terraform.tfvars and *.auto.tfvars; values.yaml with its
  create-env-secret.sh) and writes the equivalent spec (stdout, or --out). Secret values are never
  copied: they become references. Keys regcfg does not know are reported, not dropped silently.`

/** The surface a set of files belongs to, from their names (and, for values files, their content). */
export function detectSurface(files: Record<string, string>): Surface | undefined {
  const names = Object.keys(files).map((f) => basename(f))
  if (names.every((n) => n.startsWith('.env') || n.endsWith('.env'))) return 'env'
  if (names.every((n) => /\.tfvars(\.json)?(\.example)?$/.test(n))) return 'terraform'
  const values = Object.entries(files).find(([f]) => /\.ya?ml$/.test(f))
  if (!values) return undefined
  return /^(registry|auth-server):/m.test(values[1]) ? 'helm-stack' : 'helm'
}

/** Files keyed by the names the surface's parser expects. */
function surfaceFiles(surface: Surface, files: Record<string, string>): Record<string, string> {
  if (surface === 'terraform') return files
  const main = targetFor(surface).mainFile
  const out: Record<string, string> = {}
  for (const [path, text] of Object.entries(files)) out[/\.sh$/.test(path) ? 'create-env-secret.sh' : main] = text
  return out
}

export async function runImport(host: Host, paths: string[], flags: Flags): Promise<ExitStatus> {
  if (paths.length === 0) throw new UserError('import needs at least one file')
  const files = Object.fromEntries(paths.map((p) => [p, host.readText(p)]))
  const surface = (flags.surface as Surface | undefined) ?? detectSurface(files)
  if (!surface || !SURFACES.includes(surface)) throw new UserError(`cannot tell the surface of ${paths.join(', ')}; pass --surface ${SURFACES.join('|')}`)
  const { spec, notes, diagnostics: report } = await importSurface(surfaceFiles(surface, files), surface)
  const text = renderSpec(spec, `Imported by regcfg from ${paths.join(', ')} (${surface}).\nReview it, then: regcfg validate <this file>`)
  if (report.length) host.stderr(formatText(report) + '\n')
  for (const n of notes) host.stderr(`${n.kind}: ${n.message}\n`)
  if (flags.out) host.writeText(flags.out as string, text)
  else host.stdout(text)
  return report.some((d) => d.severity === 'error') ? ExitStatus.Findings : ExitStatus.Ok
}
