/**
 * Surface files → the environment a container of that surface gets, so that `regcfg serve --from`
 * reads exactly what the deployed auth-server would:
 *   env         the .env file, as docker compose passes it
 *   terraform   what the ECS module injects: variables by their map binding (AUTH_PROVIDER from
 *               <provider>_enabled, AWS_REGION = aws_region, https://registry.<root_domain>, ...),
 *               hard-coded (`fixed`) and followed (`sameAs`) values from the map; secrets the module
 *               keeps in Secrets Manager come from the process environment, as ECS would inject them
 *   helm(-stack) the entries of create-env-secret.sh (the pod's whole environment), references
 *               resolved from the process environment or the named file
 */
import { containerName, parameterMap, type ParameterDef } from '../compiler/map.js'
import { isSecretRef, type CanonicalParams, type ParamValue, type SecretRef, type Surface } from '../compiler/types.js'
import { parseDotenv } from '../../targets/env/dotenv-parse.js'
import { parseSecretScript } from '../../targets/helm/secret-script.js'
import { parseTfvars } from '../../targets/terraform/index.js'
import { toEnvString } from '../../targets/_values.js'
import type { EnvLike } from './params.js'

export type ContainerEnv = Record<string, string>

export interface ContainerEnvResult {
  env: ContainerEnv
  problems: string[]
}

export interface EnvSources {
  processEnv: EnvLike
  readFile(path: string): string
}

export async function containerEnv(surface: Surface, files: Readonly<Record<string, string>>, src: EnvSources): Promise<ContainerEnvResult> {
  if (surface === 'env') return fromDotenv(files['.env'] ?? '')
  if (surface === 'terraform') return fromTerraform(files, src)
  return fromSecretScript(files['create-env-secret.sh'] ?? '', src)
}

function fromDotenv(text: string): ContainerEnvResult {
  const parsed = parseDotenv(text)
  return { env: Object.fromEntries(parsed.entries.map((e) => [e.key, e.value])), problems: parsed.errors.map((e) => `.env:${e.line}: ${e.message}`) }
}

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

async function fromTerraform(files: Readonly<Record<string, string>>, src: EnvSources): Promise<ContainerEnvResult> {
  const parsed = await parseTfvars(files)
  const problems = parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)
  const env: ContainerEnv = {}
  for (const p of parameterMap().parameters) {
    const name = containerName(p) // ECS passes container-only variables too (ENTRA_LOGIN_BASE_URL, ...)
    if (!name) continue
    if (p.provider && p.derive !== 'providerEnabled' && parsed.params.get('auth.provider') !== p.provider) continue
    const v = tfValue(p, parsed.params, src)
    if (v !== undefined) env[name] = v
  }
  return { env, problems }
}

function resolveRef(key: string, ref: SecretRef, src: EnvSources): string | { problem: string } {
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

function fromSecretScript(text: string, src: EnvSources): ContainerEnvResult {
  const parsed = parseSecretScript(text)
  const problems = parsed.errors.map((e) => `create-env-secret.sh:${e.line}: ${e.message}`)
  if (parsed.entries.length === 0) problems.push('create-env-secret.sh has no --from-literal/--from-file entries')
  const env: ContainerEnv = {}
  for (const e of parsed.secrets.flatMap((x) => x.entries)) {
    const v = 'literal' in e ? e.literal : resolveRef(e.key, e.ref, src)
    if (typeof v === 'string') env[e.key] = v
    else problems.push(v.problem)
  }
  // A secret of the active provider that no Secret of the script carries comes from the deployment
  // (the stack's keycloak-configure Job writes Keycloak's own client secret); locally, as for ECS's
  // Secrets Manager entries, from the process environment.
  for (const p of parameterMap().parameters) {
    const name = containerName(p)
    if (!p.secret || !name || name in env || (p.provider && p.provider !== env.AUTH_PROVIDER)) continue
    const v = src.processEnv[name]
    if (v !== undefined) env[name] = v
  }
  return { env, problems }
}
