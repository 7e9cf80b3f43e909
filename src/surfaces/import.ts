/** A surface's deployment files back into a spec: the target's parser, then the compiler's import. */
import { specOfParsed, type Imported } from '../compiler/import.js'
import type { Surface } from '../compiler/types.js'
import { targetFor } from '../../targets/index.js'

/** Deployment files of one surface (keyed by the names its parser expects) → the spec that compiles to them, with its notes. */
export async function importSurface(files: Readonly<Record<string, string>>, surface: Surface): Promise<Imported> {
  const target = targetFor(surface)
  return specOfParsed(await target.parse(files), surface, target.mainFile)
}
