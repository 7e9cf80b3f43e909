import { renderSpec, type ImportNote } from '../../compiler/import.js'
import { importSurface } from '../../surfaces/import.js'
import { SURFACES, type Surface } from '../../compiler/types.js'
import { TARGETS, targetFor } from '../../../targets/index.js'
import { formatText } from '../format/text.js'
import { ExitStatus } from '../exit.js'
import { type Host } from '../host.js'
import type { Flags } from './_shared.js'
import { UserError } from '../../errors.js'

/** The surface that reads a subchart's own values (--subchart), and the subcharts it knows. */
const stack = TARGETS.find((t) => t.subcharts)!
const subcharts = stack.subcharts!

export const importHelp = `regcfg import FILE... [--surface ${SURFACES.join('|')}] [--subchart NAME] [--out SPEC]
  Reads existing deployment files (.env; terraform.tfvars and *.auto.tfvars; values.yaml with its
  create-env-secret.sh) and writes the equivalent spec (stdout, or --out). Secret values are never
  copied: they become references. Keys regcfg does not know are reported, not dropped silently.
  --subchart ${subcharts.names.join('|')} reads a values.yaml of one of the stack's
  subcharts as the stack passes it (under that name; its global: as the stack's), surface ${stack.surface}.`

/** The surface a set of files belongs to: the first target that claims them (by their names and, for values files, their content). */
export function detectSurface(files: Record<string, string>): Surface | undefined {
  return TARGETS.find((t) => t.claims(files))?.surface
}

/** Files keyed by the names the surface's parser expects (a subchart's values as the stack's), and each name's own path. */
function surfaceFiles(surface: Surface, files: Record<string, string>, subchart?: string): { files: Record<string, string>; pathOf: Map<string, string> } {
  const target = targetFor(surface)
  if (!target.fileNameOf) return { files, pathOf: new Map() }
  const out: Record<string, string> = {}
  const pathOf = new Map<string, string>()
  for (const [path, text] of Object.entries(files)) {
    const name = target.fileNameOf(path)
    pathOf.set(name, path)
    if (name !== target.mainFile || !subchart) out[name] = text
    else {
      const r = subcharts.asMain(subchart, text)
      if ('error' in r) throw new UserError(`${path}: ${r.error}`)
      out[name] = r.text
    }
  }
  return { files: out, pathOf }
}

/** A note as a line: kind, where (the user's own file name), what. */
const noteLine = (n: ImportNote, pathOf: Map<string, string>): string =>
  `${n.kind}: ${n.file ? `${pathOf.get(n.file) ?? n.file}${n.line ? ':' + n.line : ''}: ` : ''}${n.message}\n`

function subchartFlag(flags: Flags, surface: Surface | undefined): string | undefined {
  const name = flags.subchart as string | undefined
  if (name === undefined) return undefined
  if (!subcharts.names.includes(name)) throw new UserError(`--subchart ${name}: not one of the stack's subcharts (${subcharts.names.join(', ')})`)
  if (surface !== undefined && surface !== stack.surface) throw new UserError(`--subchart reads a subchart's values as the stack's: use it with --surface ${stack.surface} (or no --surface), not ${surface}`)
  return name
}

export async function runImport(host: Host, paths: string[], flags: Flags): Promise<ExitStatus> {
  if (paths.length === 0) throw new UserError('import needs at least one file')
  const files = Object.fromEntries(paths.map((p) => [p, host.readText(p)]))
  const subchart = subchartFlag(flags, flags.surface as Surface | undefined)
  const surface = (flags.surface as Surface | undefined) ?? (subchart ? stack.surface : detectSurface(files))
  if (!surface || !SURFACES.includes(surface)) throw new UserError(`cannot tell the surface of ${paths.join(', ')}; pass --surface ${SURFACES.join('|')}`)
  const input = surfaceFiles(surface, files, subchart)
  const { spec, notes, diagnostics } = await importSurface(input.files, surface)
  // a subchart's values were re-laid as the stack's: their lines are not the file's, so none is shown
  const unplaced = <T extends { line?: number; column?: number }>(x: T): T => (subchart ? { ...x, line: undefined, column: undefined } : x)
  const report = diagnostics.map((d) => unplaced(d.file && input.pathOf.has(d.file) ? { ...d, file: input.pathOf.get(d.file)! } : d))
  for (const n of notes) Object.assign(n, unplaced(n))
  const text = renderSpec(spec, `Imported by regcfg from ${paths.join(', ')} (${surface}).\nReview it, then: regcfg validate <this file>`)
  if (report.length) host.stderr(formatText(report) + '\n')
  for (const n of notes) host.stderr(noteLine(n, input.pathOf))
  if (flags.out) host.writeText(flags.out as string, text)
  else host.stdout(text)
  return report.some((d) => d.severity === 'error') ? ExitStatus.Findings : ExitStatus.Ok
}
