import type { Diagnostic } from '../../compiler/types.js'

export function formatJson(ds: readonly Diagnostic[], extra: Record<string, unknown> = {}): string {
  const diagnostics = ds.map(({ range: _range, ...d }) => d)
  return JSON.stringify({ ...extra, diagnostics }, null, 2)
}
