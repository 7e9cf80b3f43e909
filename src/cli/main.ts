import { parseArgs } from 'node:util'
import type { Flags } from './commands/_shared.js'
import { ExitStatus } from './exit.js'
import { nodeHost, type Host } from './host.js'
import { errorClass, UserError } from '../errors.js'

declare const REGCFG_VERSION: string
export const VERSION = typeof REGCFG_VERSION === 'string' ? REGCFG_VERSION : '0.0.0-dev'

interface Command {
  /** The first line of the command's help: shown in the overall usage. */
  usage: string
  /** Positional arguments; -1 for one or more. */
  args: number
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>
  /** Accepted --format values; text and json when not given. */
  formats?: readonly string[]
  /** Loaded only when the command runs, so `--version` and small commands start fast. */
  load(): Promise<{ help: string; run(host: Host, positionals: string[], flags: Flags): ExitStatus | Promise<ExitStatus> }>
}

const COMMON = { format: { type: 'string' }, help: { type: 'boolean' } } as const

/** The command table. */
export const COMMANDS: Record<string, Command> = {
  validate: {
    usage: 'regcfg validate SPEC [--format text|json]', args: 1, options: { ...COMMON },
    load: async () => { const m = await import('./commands/validate.js'); return { help: m.validateHelp, run: m.runValidate } },
  },
  compile: {
    usage: 'regcfg compile SPEC --target env|terraform|helm|helm-stack|all [--out DIR] [--write-secrets] [--format text|json]', args: 1,
    options: { ...COMMON, target: { type: 'string' }, out: { type: 'string' }, 'write-secrets': { type: 'boolean' } },
    load: async () => { const m = await import('./commands/compile.js'); return { help: m.compileHelp, run: m.runCompile } },
  },
  lint: {
    usage: 'regcfg lint [PATH...] [--spec SPEC] [--format text|json|sarif] [--fail-on error|warning|info] [--baseline FILE] [--write-baseline FILE] [--no-cache]', args: -1, formats: ['text', 'json', 'sarif'],
    options: { ...COMMON, spec: { type: 'string' }, 'fail-on': { type: 'string' }, baseline: { type: 'string' }, 'write-baseline': { type: 'string' }, 'no-cache': { type: 'boolean' } },
    load: async () => { const m = await import('./commands/lint.js'); return { help: m.lintHelp, run: m.runLint } },
  },
  import: {
    usage: 'regcfg import FILE... [--surface env|terraform|helm|helm-stack] [--subchart NAME] [--out SPEC]', args: -1, options: { ...COMMON, surface: { type: 'string' }, subchart: { type: 'string' }, out: { type: 'string' } },
    load: async () => { const m = await import('./commands/import.js'); return { help: m.importHelp, run: m.runImport } },
  },
  check: {
    usage: 'regcfg check SPEC [--env FILE] [--tfvars FILE]... [--values FILE] [--stack-values FILE] [--registry DIR] [--format text|json]', args: 1,
    options: { ...COMMON, env: { type: 'string' }, tfvars: { type: 'string', multiple: true }, values: { type: 'string' }, 'stack-values': { type: 'string' }, registry: { type: 'string' } },
    load: async () => { const m = await import('./commands/check.js'); return { help: m.checkHelp, run: m.runCheck } },
  },
  render: {
    usage: 'regcfg render SPEC --surface env|terraform|helm|helm-stack --registry DIR [--container auth-server|registry] [--format text|json] [--explain]', args: 1,
    options: { ...COMMON, surface: { type: 'string' }, registry: { type: 'string' }, container: { type: 'string' }, explain: { type: 'boolean' } },
    load: async () => { const m = await import('./commands/render.js'); return { help: m.renderHelp, run: m.runRender } },
  },
  docs: {
    usage: 'regcfg docs [--out FILE]', args: 0, options: { ...COMMON, out: { type: 'string' } },
    load: async () => { const m = await import('./commands/docs.js'); return { help: m.docsHelp, run: m.runDocs } },
  },
  serve: {
    usage: 'regcfg serve [--from FILE --surface env|terraform|helm|helm-stack] [--spec SPEC] [--port N] [--host ADDR]', args: 0,
    options: { ...COMMON, from: { type: 'string' }, surface: { type: 'string' }, spec: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'idp-base-url': { type: 'string' } },
    load: async () => { const m = await import('./commands/serve.js'); return { help: m.serveHelp, run: m.runServe } },
  },
  db: {
    usage: 'regcfg db seed SPEC', args: 2, options: { ...COMMON },
    load: async () => { const m = await import('./commands/db.js'); return { help: m.dbHelp, run: m.runDb } },
  },
  conformance: {
    usage: 'regcfg conformance SPEC [--surfaces env,terraform,helm,helm-stack] [--registry DIR] [--oracle [--oracle-log FILE]] [--junit FILE]', args: 1, options: { ...COMMON, surfaces: { type: 'string' }, junit: { type: 'string' }, registry: { type: 'string' }, oracle: { type: 'boolean' }, 'oracle-log': { type: 'string' } },
    load: async () => { const m = await import('./commands/conformance.js'); return { help: m.conformanceHelp, run: m.runConformanceCommand } },
  },
  doctor: {
    usage: 'regcfg doctor SPEC [--fix] [--dry-run] [--endpoint URL] [--format text|json]', args: 1, options: { ...COMMON, fix: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, endpoint: { type: 'string' } },
    load: async () => { const m = await import('./commands/doctor.js'); return { help: m.doctorHelp, run: m.runDoctor } },
  },
}

export const USAGE = `regcfg ${VERSION}: one spec for the MCP Gateway Registry's three deployment surfaces.

Usage: regcfg <command> [options]

Commands:
${Object.values(COMMANDS).map((c) => '  ' + c.usage).join('\n')}

regcfg <command> --help shows a command's options. Exit codes: 0 ok, 1 findings, 2 usage or I/O error.`

/** Runs one command line; the only caller of process.exit is bin/regcfg.cjs. */
export async function main(argv: string[], host: Host = nodeHost): Promise<ExitStatus> {
  const [name, ...rest] = argv
  if (name === '--version' || name === '-v') return (host.stdout(VERSION + '\n'), ExitStatus.Ok)
  if (!name || name === '--help' || name === '-h' || name === 'help') return (host.stdout(USAGE + '\n'), name ? ExitStatus.Ok : ExitStatus.Usage)
  const cmd = COMMANDS[name]
  if (!cmd) return usageError(host, `unknown command "${name}"`, USAGE)
  try {
    const { help, run } = await cmd.load()
    const { values, positionals } = parseArgs({ args: rest, options: cmd.options, allowPositionals: true, strict: true })
    if (values.help) return (host.stdout(help + '\n'), ExitStatus.Ok)
    if (cmd.args >= 0 && positionals.length !== cmd.args) return usageError(host, `${name} takes ${cmd.args} argument(s), got ${positionals.length}`, help)
    const format = (values.format ?? 'text') as string
    const formats = cmd.formats ?? ['text', 'json']
    if (!formats.includes(format)) return usageError(host, `--format must be ${formats.join(' or ')}`, help)
    return await run(host, positionals, { ...values, format: format as Flags['format'] })
  } catch (e) {
    if (e instanceof UserError) return usageError(host, e.message)
    if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) return usageError(host, e.message, cmd.usage)
    host.stderr(`regcfg: internal error (${errorClass(e)}): ${(e as Error)?.message ?? String(e)}\nPlease report it with the command line (not your secrets).\n`)
    return ExitStatus.Internal
  }
}

function usageError(host: Host, message: string, help?: string): ExitStatus {
  host.stderr(`regcfg: ${message}\n${help ? '\n' + help + '\n' : ''}`)
  return ExitStatus.Usage
}
