import { analyze, hasErrors } from '../../compiler/index.js'
import { surfaceWarnings } from '../../surfaces/not-carried.js'
import { ExitStatus } from '../exit.js'
import type { Host } from '../host.js'
import { report, type Flags } from './_shared.js'

export const validateHelp = `regcfg validate SPEC [--format text|json]
  Checks a registry spec against its schema and the setup guide's rules.
  Exit 0 valid, 1 invalid, 2 usage or I/O error.`

export function runValidate(host: Host, [spec]: string[], flags: Flags): ExitStatus {
  const text = host.readText(spec!)
  const a = analyze(spec!, text)
  a.diagnostics.push(...surfaceWarnings(a))
  report(host, a.diagnostics, flags, new Map([[spec!, text]]), { valid: !hasErrors(a.diagnostics) })
  if (!hasErrors(a.diagnostics) && flags.format !== 'json') host.stderr(`${spec}: valid (${a.params!.size} parameters)\n`)
  return hasErrors(a.diagnostics) ? ExitStatus.Findings : ExitStatus.Ok
}
