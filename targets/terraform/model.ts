/**
 * regcfg's model of the auth-server container on ECS: what the module injects — variables by their
 * map binding (AUTH_PROVIDER from <provider>_enabled, AWS_REGION = aws_region, ...), hard-coded
 * (`fixed`) and followed (`sameAs`) values, the variables' defaults; secrets the module keeps in
 * Secrets Manager from the process environment, as ECS would inject them; what the module generates
 * (`generated:` in the map) marked so.
 */
import { containerName, type ParameterDef } from '../../src/compiler/map.js'
import { isSecretRef, type CanonicalParams, type ParamValue } from '../../src/compiler/types.js'
import { toEnvString } from '../../src/compiler/env-string.js'
import { authServerParams, withSurfaceDefaults, type ContainerEnv, type ContainerEnvResult, type EnvSources } from '../_model.js'
import type { ParseResult } from '../types.js'

function plain(p: ParameterDef, v: ParamValue): string | undefined {
  if (isSecretRef(v)) return 'value' in v ? v.value : undefined
  return toEnvString(p, v)
}

function tfValue(p: ParameterDef, params: CanonicalParams, src: EnvSources): string | undefined {
  const b = p.surfaces.terraform
  const name = containerName(p)!
  const v = params.get(p.id)
  if (v !== undefined) return plain(p, v) ?? src.processEnv[name]
  if (b.fixed !== undefined) return String(b.fixed)
  if (b.sameAs && params.has(b.sameAs)) return plain(p, params.get(b.sameAs)!)
  if (p.derive === 'providerEnabled' && params.has('auth.provider')) return String(params.get('auth.provider') === p.provider)
  return p.secret ? src.processEnv[name] : undefined
}

export async function ecsContainerEnv(parse: () => Promise<ParseResult>, src: EnvSources): Promise<ContainerEnvResult> {
  const parsed = await parse()
  const problems = parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)
  const env: ContainerEnv = {}
  const generated: Record<string, string> = {}
  for (const [name, p] of authServerParams('terraform')) {
    // ECS passes container-only variables too (ENTRA_LOGIN_BASE_URL, ...)
    if (p.provider && p.derive !== 'providerEnabled' && parsed.params.get('auth.provider') !== p.provider) continue
    const made = p.surfaces.terraform.generated
    if (made) generated[name] = made
    const v = made ? src.processEnv[name] : tfValue(p, parsed.params, src)
    if (v !== undefined) env[name] = v
  }
  return { env: withSurfaceDefaults('terraform', env), generated, problems }
}
