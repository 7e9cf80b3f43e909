import type { Surface } from '../src/compiler/types.js'
import { envTarget } from './env/index.js'
import { helmStackTarget, helmTarget } from './helm/index.js'
import { terraformTarget } from './terraform/index.js'
import type { Target } from './types.js'

/** The target table: adding a surface is adding a row. */
export const TARGETS: readonly Target[] = [envTarget, terraformTarget, helmTarget, helmStackTarget]

export function targetFor(surface: Surface): Target {
  return TARGETS.find((t) => t.surface === surface)!
}

export type { Target, EmitContext, EmitResult, LintKind, ParseResult } from './types.js'
export type { ContainerEnv, ContainerEnvResult, EnvSources } from './_model.js'
