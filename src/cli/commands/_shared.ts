import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
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

/** The files that mark a registry checkout (any one of them: a user may deploy on one surface only). */
const REGISTRY_MARKERS = ['docker-compose.yml', 'charts', 'terraform/aws-ecs']

/** `--registry DIR`: a checkout of the registry at the version the user deploys, or a UserError saying what is wrong. */
export function registryDirOf(flag: unknown): string | undefined {
  if (flag === undefined) return undefined
  const dir = resolve(String(flag))
  if (!existsSync(dir)) throw new UserError(`--registry ${String(flag)}: no such folder (give a clone of the MCP Gateway Registry at the version you deploy)`)
  if (!REGISTRY_MARKERS.some((m) => existsSync(join(dir, m)))) throw new UserError(`--registry ${String(flag)}: not a registry checkout (none of ${REGISTRY_MARKERS.join(', ')} is there)`)
  return dir
}
