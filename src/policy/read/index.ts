import { candidateOf, isHelmValues, mayBeSurfaceYaml } from '../detect.js'
import { roleOf, type RoleContext } from '../role.js'
import type { FileKind, LintFile } from '../types.js'
import { readEnv } from './env.js'
import { readTfvars, readTfvarsJson } from './tfvars.js'
import { readYaml, type YamlRead } from './yaml.js'

/** Outside a run (tests): no folder is a chart's. */
const NO_CHARTS: RoleContext = { isChartDir: () => false }

/**
 * Reads a file as the surface its name and content say it is, or returns undefined when it is no
 * surface file; with its role (role.ts). `as` forces a kind (an explicit --spec).
 */
export async function readSurface(path: string, text: string, as?: FileKind, ctx: RoleContext = NO_CHARTS): Promise<LintFile | undefined> {
  const read = await readAs(path, text, as)
  if (!read) return undefined
  return { ...read.file, role: as === 'spec' ? 'deployment' : roleOf(path, ctx, read.yaml) }
}

async function readAs(path: string, text: string, as?: FileKind): Promise<{ file: LintFile; yaml?: YamlRead } | undefined> {
  const candidate = as === 'spec' ? 'yaml' : candidateOf(path)
  if (candidate === 'env') return { file: readEnv(path, text) }
  if (candidate === 'tfvars') return { file: await readTfvars(path, text) }
  if (candidate === 'tfvars-json') return { file: readTfvarsJson(path, text) }
  if (candidate !== 'yaml' || (!as && !mayBeSurfaceYaml(path, text))) return undefined
  const yaml = readYaml(text)
  if (yaml.error) return as || isHelmValues(path, []) ? { file: { path, kind: as ?? 'helm', text, entries: [], unreadable: yaml.error } } : undefined
  const kind: FileKind | undefined = as ?? (yaml.spec ? 'spec' : isHelmValues(path, yaml.entries.map((e) => e.key)) ? 'helm' : undefined)
  return kind ? { file: { path, kind, text, entries: yaml.entries }, yaml } : undefined
}
