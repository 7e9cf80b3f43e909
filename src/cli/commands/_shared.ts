import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Diagnostic } from '../../compiler/types.js'
import { formatJson } from '../format/json.js'
import { formatText, summary } from '../format/text.js'
import { type Host } from '../host.js'
import { UserError } from '../../errors.js'

export interface Flags {
  format: 'text' | 'json'
  [k: string]: unknown
}

/** Diagnostics to stderr (text) or stdout (json). */
export function report(host: Host, ds: readonly Diagnostic[], flags: Flags, sources: ReadonlyMap<string, string>, extra: Record<string, unknown> = {}): void {
  if (flags.format === 'json') {
    host.stdout(formatJson(ds, extra) + '\n')
    return
  }
  if (ds.length === 0) return
  host.stderr(formatText(ds, sources) + '\n' + summary(ds) + '\n')
}

/**
 * `--registry DIR`: a checkout of the registry at the version the user deploys. Only that it is a
 * folder is checked here; whether it holds what a surface's render needs, that surface's renderer
 * says (RegistryCheckoutError names the missing file). `needed` names the command that requires it.
 */
export function registryDirOf(flag: unknown, needed?: string): string | undefined {
  if (flag === undefined || flag === '') {
    if (needed) throw new UserError(`${needed} needs --registry DIR (a checkout of the MCP Gateway Registry at the version you deploy)`)
    return undefined
  }
  const dir = resolve(String(flag))
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`--registry ${String(flag)}: no such folder (pass a checkout of the MCP Gateway Registry)`)
  return dir
}

/** A render that cannot run for the user's setup (no tool, not a checkout, no renderer): its message, else undefined. */
export function renderSetupProblem(e: unknown): string | undefined {
  if (!(e instanceof Error)) return undefined
  const code = (e as { code?: unknown }).code
  return code === 'RC7001' || code === 'RC7002' || e.name === 'RenderUnavailable' ? e.message : undefined
}

