import { parseArgs } from 'node:util'
import { compileHelp, runCompile } from './commands/compile.js'
import { doctorHelp, runDoctor } from './commands/doctor.js'
import { checkHelp, runCheck } from './commands/check.js'
import { docsHelp, runDocs } from './commands/docs.js'
import { importHelp, runImport } from './commands/import.js'
import { lintHelp, runLint } from './commands/lint.js'
import { runValidate, validateHelp } from './commands/validate.js'
import { runServe, serveHelp } from './commands/serve.js'
import { dbHelp, runDb } from './commands/db.js'
import type { Flags } from './commands/_shared.js'
import { ExitStatus } from './exit.js'
import { nodeHost, UserError, type Host } from './host.js'

declare const REGCFG_VERSION: string
export const VERSION = typeof REGCFG_VERSION === 'string' ? REGCFG_VERSION : '0.0.0-dev'

interface Command {
  help: string
  /** Positional arguments; -1 for one or more. */
  args: number
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>
  /** Accepted --format values; text and json when not given. */
  formats?: readonly string[]
  run(host: Host, positionals: string[], flags: Flags): ExitStatus | Promise<ExitStatus>
}

const COMMON = { format: { type: 'string' }, help: { type: 'boolean' } } as const

/** The command table. */
const COMMANDS: Record<string, Command> = {
  validate: { help: validateHelp, args: 1, options: { ...COMMON }, run: runValidate },
  lint: { help: lintHelp, args: -1, formats: ['text', 'json', 'sarif'], options: { ...COMMON, spec: { type: 'string' }, 'fail-on': { type: 'string' }, baseline: { type: 'string' }, 'write-baseline': { type: 'string' } }, run: runLint },
  import: { help: importHelp, args: -1, options: { ...COMMON, surface: { type: 'string' }, out: { type: 'string' } }, run: runImport },
  check: { help: checkHelp, args: 1, options: { ...COMMON, env: { type: 'string' }, tfvars: { type: 'string', multiple: true }, values: { type: 'string' }, 'stack-values': { type: 'string' } }, run: runCheck },
  docs: { help: docsHelp, args: 0, options: { ...COMMON, out: { type: 'string' } }, run: runDocs },
  compile: { help: compileHelp, args: 1, options: { ...COMMON, target: { type: 'string' }, out: { type: 'string' }, 'write-secrets': { type: 'boolean' } }, run: runCompile },
  serve: { help: serveHelp, args: 0, options: { ...COMMON, from: { type: 'string' }, surface: { type: 'string' }, spec: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'idp-base-url': { type: 'string' } }, run: runServe },
  db: { help: dbHelp, args: 2, options: { ...COMMON }, run: runDb },
  doctor: { help: doctorHelp, args: 1, options: { ...COMMON, fix: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, endpoint: { type: 'string' } }, run: runDoctor },
}

export const USAGE = `regcfg ${VERSION}: one spec for the MCP Gateway Registry's three deployment surfaces.

Usage: regcfg <command> [options]

Commands:
${Object.values(COMMANDS).map((c) => '  ' + c.help.split('\n')[0]).join('\n')}

regcfg <command> --help shows a command's options. Exit codes: 0 ok, 1 findings, 2 usage or I/O error.`

/** Runs one command line; the only caller of process.exit is bin/regcfg.mjs. */
export async function main(argv: string[], host: Host = nodeHost): Promise<ExitStatus> {
  const [name, ...rest] = argv
  if (name === '--version' || name === '-v') return (host.stdout(VERSION + '\n'), ExitStatus.Ok)
  if (!name || name === '--help' || name === '-h' || name === 'help') return (host.stdout(USAGE + '\n'), name ? ExitStatus.Ok : ExitStatus.Usage)
  const cmd = COMMANDS[name]
  if (!cmd) return usageError(host, `unknown command "${name}"`, USAGE)
  try {
    const { values, positionals } = parseArgs({ args: rest, options: cmd.options, allowPositionals: true, strict: true })
    if (values.help) return (host.stdout(cmd.help + '\n'), ExitStatus.Ok)
    if (cmd.args >= 0 && positionals.length !== cmd.args) return usageError(host, `${name} takes ${cmd.args} argument(s), got ${positionals.length}`, cmd.help)
    const format = (values.format ?? 'text') as string
    const formats = cmd.formats ?? ['text', 'json']
    if (!formats.includes(format)) return usageError(host, `--format must be ${formats.join(' or ')}`, cmd.help)
    return await cmd.run(host, positionals, { ...values, format: format as Flags['format'] })
  } catch (e) {
    if (e instanceof UserError) return usageError(host, e.message)
    if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) return usageError(host, e.message, cmd.help)
    host.stderr(`regcfg: internal error: ${(e as Error).message}\nPlease report it with the command line (not your secrets).\n`)
    return ExitStatus.Internal
  }
}

function usageError(host: Host, message: string, help?: string): ExitStatus {
  host.stderr(`regcfg: ${message}\n${help ? '\n' + help + '\n' : ''}`)
  return ExitStatus.Usage
}
