/**
 * Surface files → the environment the auth-server container of that surface gets, as regcfg models it
 * (each target's containerEnv: targets/<surface>/model.ts), so that `regcfg serve --from` reads what the
 * deployed auth-server would. `regcfg render` (the real tools on a registry checkout) is the ground
 * truth; test/render/model-equals-render.test.ts holds the model to it.
 */
import type { Surface } from '../compiler/types.js'
import { targetFor, type ContainerEnvResult, type EnvSources } from '../../targets/index.js'

export type { ContainerEnv, ContainerEnvResult, EnvSources } from '../../targets/index.js'

export function containerEnv(surface: Surface, files: Readonly<Record<string, string>>, src: EnvSources): Promise<ContainerEnvResult> {
  return targetFor(surface).containerEnv(files, src)
}
