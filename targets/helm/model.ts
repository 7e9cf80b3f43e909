/**
 * regcfg's model of the auth-server pod on Helm: the entries of create-env-secret.sh (the Secret the
 * pod reads whole), references resolved from the process environment or the named file, then the
 * chart's defaults; what the deployment writes itself (a stack that deploys Keycloak: its configure Job
 * writes the clients' credentials into keycloak-client-secret) marked so.
 */
import { containerName, parameterById } from '../../src/compiler/map.js'
import type { CanonicalParams, ParameterId } from '../../src/compiler/types.js'
import { resolveRef, withSurfaceDefaults, type ContainerEnv, type ContainerEnvResult, type EnvSources } from '../_model.js'
import type { ParseResult } from '../types.js'
import { parseSecretScript } from './secret-script.js'

export async function podContainerEnv(surface: 'helm' | 'helm-stack', files: Readonly<Record<string, string>>, src: EnvSources, parse: () => Promise<ParseResult>, generatedBy: (params: CanonicalParams) => ReadonlySet<ParameterId>): Promise<ContainerEnvResult> {
  const parsed = parseSecretScript(files['create-env-secret.sh'] ?? '')
  const problems = parsed.errors.map((e) => `create-env-secret.sh:${e.line}: ${e.message}`)
  if (parsed.entries.length === 0) problems.push('create-env-secret.sh has no --from-literal/--from-file entries')
  const env: ContainerEnv = {}
  for (const e of parsed.secrets.flatMap((x) => x.entries)) {
    const v = 'literal' in e ? e.literal : resolveRef(e.key, e.ref, src)
    if (typeof v === 'string') env[e.key] = v
    else problems.push(v.problem)
  }
  // locally, as for ECS's Secrets Manager entries, what the deployment writes comes from the process environment
  const generated: Record<string, string> = {}
  for (const id of generatedBy((await parse()).params)) {
    const p = parameterById(id)
    const name = p?.secret ? containerName(p) : undefined // Keycloak's client ids are the chart's defaults
    if (!name || name in env) continue
    generated[name] = 'the stack\'s keycloak-configure Job (Secret keycloak-client-secret)'
    const v = src.processEnv[name]
    if (v !== undefined) env[name] = v
  }
  return { env: withSurfaceDefaults(surface, env), generated, problems }
}
