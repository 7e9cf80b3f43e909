/**
 * What the targets' models share: each target derives the auth-server container's environment from
 * its own files (Target.containerEnv: what `serve --from` and conformance without a registry checkout
 * use, held to the real render by test/render/model-equals-render.test.ts).
 */
import { containerName, parameterMap, readsOn, type ParameterDef } from '../src/compiler/map.js'
import type { SecretRef, Surface } from '../src/compiler/types.js'

export type ContainerEnv = Record<string, string>

export interface ContainerEnvResult {
  env: ContainerEnv
  /**
   * Variables whose value the deployment makes itself (a random_password, a Secret a hook Job or
   * init script writes), with what makes it. `env` holds the process environment's value for them,
   * if any, so `serve --from` can run locally; the real container has the deployment's own.
   */
  generated: Record<string, string>
  problems: string[]
}

export interface EnvSources {
  processEnv: Readonly<Record<string, string | undefined>>
  readFile(path: string): string
}

/** Parameters the auth-server reads and the surface passes it (not in the binding's misses), by container variable. */
export const authServerParams = (surface: Surface): Map<string, ParameterDef> =>
  new Map(parameterMap().parameters.flatMap((p) => (readsOn(p, surface, 'auth-server') && containerName(p) ? [[containerName(p)!, p] as const] : [])))

export interface DefaultsRule {
  /** Only variables the surface has a name of its own for get its default (compose's `${VAR:-default}`). */
  namedOnly?: boolean
  /** An empty value is replaced by the default too (compose's `:-`). */
  emptyIsUnset?: boolean
  /** Every provider's defaults arrive, not only the active provider's (compose lists them all). */
  everyProvider?: boolean
}

/** What the surface's deployment gives the auth-server when regcfg writes nothing: each parameter's `default:` on the surface. */
export function withSurfaceDefaults(surface: Surface, env: ContainerEnv, rule: DefaultsRule = {}): ContainerEnv {
  const out = { ...env }
  for (const [name, p] of authServerParams(surface)) {
    const b = p.surfaces[surface]
    if (b.default === undefined || (rule.namedOnly && !b.name)) continue
    if (!rule.everyProvider && p.provider && p.provider !== out.AUTH_PROVIDER) continue
    if (out[name] !== undefined && !(rule.emptyIsUnset && out[name] === '')) continue
    out[name] = String(b.default)
  }
  return out
}

/** A secret reference of a file regcfg wrote, resolved the way the deployment would (locally: the environment). */
export function resolveRef(key: string, ref: SecretRef, src: EnvSources): string | { problem: string } {
  if ('value' in ref) return ref.value
  if ('env' in ref) return src.processEnv[ref.env] ?? { problem: `${key}: the script reads it from $${ref.env}, which is not set` }
  if ('file' in ref) {
    try {
      return src.readFile(ref.file).replace(/\r?\n$/, '')
    } catch {
      return { problem: `${key}: cannot read ${ref.file}` }
    }
  }
  const where = 'awsSecretsManager' in ref ? 'AWS Secrets Manager' : 'a Kubernetes Secret'
  return src.processEnv[key] ?? { problem: `${key} comes from ${where}; export ${key} to run it locally` }
}
