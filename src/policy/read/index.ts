import { candidateOf, isHelmValues, mayBeSurfaceYaml } from '../detect.js'
import type { FileKind, LintFile } from '../types.js'
import { readEnv } from './env.js'
import { readTfvars, readTfvarsJson } from './tfvars.js'
import { readYaml } from './yaml.js'

/**
 * Reads a file as the surface its name and content say it is, or returns undefined when it is no
 * surface file. `as` forces a kind (an explicit --spec).
 */
export async function readSurface(path: string, text: string, as?: FileKind): Promise<LintFile | undefined> {
  const candidate = as === 'spec' ? 'yaml' : candidateOf(path)
  if (candidate === 'env') return readEnv(path, text)
  if (candidate === 'tfvars') return readTfvars(path, text)
  if (candidate === 'tfvars-json') return readTfvarsJson(path, text)
  if (candidate !== 'yaml' || (!as && !mayBeSurfaceYaml(path, text))) return undefined
  const y = readYaml(text)
  if (y.error) return as || isHelmValues(path, []) ? { path, kind: as ?? 'helm', text, entries: [], unreadable: y.error } : undefined
  const kind: FileKind | undefined = as ?? (y.spec ? 'spec' : isHelmValues(path, y.entries.map((e) => e.key)) ? 'helm' : undefined)
  return kind ? { path, kind, text, entries: y.entries } : undefined
}
