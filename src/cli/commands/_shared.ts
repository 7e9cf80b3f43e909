import type { Diagnostic } from '../../compiler/types.js'
import { formatJson } from '../format/json.js'
import { formatText, summary } from '../format/text.js'
import type { Host } from '../host.js'

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
