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
import { containerName, parameterById, parameterMap, readsOn, type ParameterDef } from '../compiler/map.js'
import { isSecretRef, type CanonicalParams, type ParamValue, type SecretRef, type Surface } from '../compiler/types.js'
import { parseDotenv } from '../../targets/env/dotenv-parse.js'
import { generatedBy } from '../../targets/helm/index.js'
import { parseSecretScript } from '../../targets/helm/secret-script.js'
import { targetFor } from '../../targets/index.js'
import { parseTfvars } from '../../targets/terraform/index.js'
import { toEnvString } from '../../targets/_values.js'
import type { EnvLike } from './params.js'

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
  processEnv: EnvLike
  readFile(path: string): string
}

/** The auth-server container's environment on the surface, as regcfg models it from its own files. */
export async function containerEnv(surface: Surface, files: Readonly<Record<string, string>>, src: EnvSources): Promise<ContainerEnvResult> {
  const r = surface === 'env' ? fromDotenv(files['.env'] ?? '') : surface === 'terraform' ? await fromTerraform(files, src) : await fromHelm(surface, files, src)
  return { ...r, env: withSurfaceDefaults(surface, r.env) }
}

/** Parameters the auth-server reads and the surface passes it (not in the binding's misses), by container variable. */
const authServerParams = (surface: Surface): Map<string, ParameterDef> =>
  new Map(parameterMap().parameters.flatMap((p) => (readsOn(p, surface, 'auth-server') && containerName(p) ? [[containerName(p)!, p] as const] : [])))

/**
 * What the surface's deployment gives the auth-server when regcfg writes nothing: compose's
 * `${VAR:-default}` (also for an empty value; only for variables compose passes, those with an .env
 * name), the module variable's default, the chart's value. Compose lists every provider's variables
 * for the auth-server; the module and the charts template a provider's only when it is the active one.
 */
function withSurfaceDefaults(surface: Surface, env: ContainerEnv): ContainerEnv {
  const out = { ...env }
  for (const [name, p] of authServerParams(surface)) {
    const b = p.surfaces[surface]
    if (b.default === undefined || (surface === 'env' && !b.name)) continue
    if (surface !== 'env' && p.provider && p.provider !== out.AUTH_PROVIDER) continue
    if (out[name] !== undefined && !(surface === 'env' && out[name] === '')) continue
    out[name] = String(b.default)
  }
  return out
}

/** Compose passes the auth-server only the variables its service lists under environment:. */
function fromDotenv(text: string): ContainerEnvResult {
  const parsed = parseDotenv(text)
  const passed = authServerParams('env')
  return {
    env: Object.fromEntries(parsed.entries.filter((e) => passed.get(e.key)?.surfaces.env.name === e.key).map((e) => [e.key, e.value])),
    generated: {},
    problems: parsed.errors.map((e) => `.env:${e.line}: ${e.message}`),
  }
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
  const generated: Record<string, string> = {}
  for (const [name, p] of authServerParams('terraform')) {
    // ECS passes container-only variables too (ENTRA_LOGIN_BASE_URL, ...)
    if (p.provider && p.derive !== 'providerEnabled' && parsed.params.get('auth.provider') !== p.provider) continue
    const made = p.surfaces.terraform.generated
    if (made) generated[name] = made
    const v = made ? src.processEnv[name] : tfValue(p, parsed.params, src)
    if (v !== undefined) env[name] = v
  }
  return { env, generated, problems }
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

async function fromHelm(surface: 'helm' | 'helm-stack', files: Readonly<Record<string, string>>, src: EnvSources): Promise<ContainerEnvResult> {
  const parsed = parseSecretScript(files['create-env-secret.sh'] ?? '')
  const problems = parsed.errors.map((e) => `create-env-secret.sh:${e.line}: ${e.message}`)
  if (parsed.entries.length === 0) problems.push('create-env-secret.sh has no --from-literal/--from-file entries')
  const env: ContainerEnv = {}
  for (const e of parsed.secrets.flatMap((x) => x.entries)) {
    const v = 'literal' in e ? e.literal : resolveRef(e.key, e.ref, src)
    if (typeof v === 'string') env[e.key] = v
    else problems.push(v.problem)
  }
  // What the deployment writes itself (a stack that deploys Keycloak: its configure Job writes the
  // clients' credentials into keycloak-client-secret); locally, as for ECS's Secrets Manager entries,
  // from the process environment.
  const generated: Record<string, string> = {}
  const values = await targetFor(surface).parse(files)
  for (const id of generatedBy(surface, values.params)) {
    const p = parameterById(id)
    const name = p?.secret ? containerName(p) : undefined // Keycloak's client ids are the chart's defaults (withSurfaceDefaults)
    if (!name || name in env) continue
    generated[name] = 'the stack\'s keycloak-configure Job (Secret keycloak-client-secret)'
    const v = src.processEnv[name]
    if (v !== undefined) env[name] = v
  }
  return { env, generated, problems }
}
