import { renderParameterDocs } from '../../compiler/docs.js'
import { parameterMap } from '../../compiler/map.js'
import { ExitStatus } from '../exit.js'
import type { Host } from '../host.js'
import type { Flags } from './_shared.js'

export const docsHelp = `regcfg docs [--out FILE]
  Writes the parameter reference (default docs/parameters.md) from schema/parameters.yaml.`

export function runDocs(host: Host, _args: string[], flags: Flags): ExitStatus {
  const file = (flags.out as string | undefined) ?? 'docs/parameters.md'
  host.writeText(file, renderParameterDocs(parameterMap()))
  host.stderr(`wrote ${file}\n`)
  return ExitStatus.Ok
}
