/**
 * What the assembler (render-assemble.ts) records about the outputs-only configuration it builds,
 * and what reading terraform's outputs (render-env.ts) needs from it: which expressions each
 * container variable comes from, what they reference, and which references became placeholders.
 * Stored as JSON beside the cached configuration, so a render needs no HCL parsing of the module.
 */

/**
 * One thing an expression references, in its own scope: `var.x`, `local.y`, a placeholder token
 * (`<module.mcp_gateway.random_password.secret_key.result>`), or `subst:<id>` for a reference the
 * render replaced by a value it can evaluate (the aws provider's region for `data.aws_region`).
 */
export type Dep = string

export interface ScopeMeta {
  /** '' for the root module, `module.<call>` for a module the root calls. */
  address: string
  /** The scope's folder, relative to the registry checkout. */
  dir: string
  locals: Record<string, Dep[]>
  /** A called module's arguments (in the root's scope), by the module variable they set. */
  args: Record<string, Dep[]>
}

export interface ContainerMeta {
  /** The canonical key ('auth-server', 'registry'). */
  key: string
  /** The container's name in the module. */
  name: string
  scope: string
  /** Where it is defined, e.g. `module.ecs_service_auth in terraform/aws-ecs/modules/mcp-gateway/ecs-services.tf`. */
  source: string
  /** The root output that holds `{ environment, secrets }`, and `present` (its block's `count` is not 0) where the block has a count. */
  output: string
  /** What each `{ name = "X", value = ... }` entry's value references. */
  env: Record<string, Dep[]>
  /** What each `{ name = "X", valueFrom = ... }` entry's valueFrom references. */
  secrets: Record<string, Dep[]>
  /** What the lists reference outside literal-named entries (conditions, `var.auth_server_extra_env`). */
  rest: Dep[]
}

/**
 * A value a container's `secrets` names by ARN: an `aws_secretsmanager_secret_version` of the
 * secret (store `secretsmanager`), or an `aws_ssm_parameter` (store `ssm`).
 */
export interface SecretMeta {
  store: 'secretsmanager' | 'ssm'
  scope: string
  /** The resource the ARN is of: the `aws_secretsmanager_secret` or the `aws_ssm_parameter` name. */
  secret: string
  /** The resource holding the value, e.g. `module.mcp_gateway.aws_secretsmanager_secret_version.secret_key`, `aws_ssm_parameter.keycloak_admin`. */
  address: string
  /** Its attribute holding the value: `secret_string`, `value` (or `insecure_value`). */
  attribute: string
  output: string
  deps: Dep[]
  /** `lifecycle { ignore_changes = [<attribute>] }`: the value is replaced outside terraform after the first apply. */
  ignoreChanges: boolean
}

export interface PlaceholderMeta {
  /** The full address, e.g. `module.mcp_gateway.aws_secretsmanager_secret.secret_key.arn`. */
  address: string
  /** `module.mcp_gateway` for a reference inside the module, '' in the root. */
  scope: string
  /** Resource type (`aws_secretsmanager_secret`), `data.<type>`, or `module`. */
  type: string
  name: string
  why: string
}

export interface RootVarMeta {
  /** The type expression (`string`, `list(string)`). */
  type: string
  sensitive: boolean
  required: boolean
  file: string
  line: number
}

export interface RenderMeta {
  /** The assembler's format; a cached configuration of another version is rebuilt. */
  version: number
  rootDir: string
  scopes: ScopeMeta[]
  containers: ContainerMeta[]
  secrets: SecretMeta[]
  placeholders: Record<string, PlaceholderMeta>
  substitutions: Record<string, { what: string; why: string }>
  rootVars: Record<string, RootVarMeta>
  /** What the assembler could not lift (an expression hcl2json could not parse, a container not found). */
  notes: string[]
}

export interface Closure {
  /** Root variables the value depends on. */
  vars: Set<string>
  placeholders: Set<string>
  substitutions: Set<string>
}

/** Follows deps through locals and module arguments down to root variables, placeholders and substitutions. */
export function closure(meta: RenderMeta, scope: string, deps: readonly Dep[]): Closure {
  const out: Closure = { vars: new Set(), placeholders: new Set(), substitutions: new Set() }
  const seen = new Set<string>()
  const byAddress = new Map(meta.scopes.map((s) => [s.address, s]))
  const visit = (at: string, d: Dep): void => {
    const key = `${at}|${d}`
    if (seen.has(key)) return
    seen.add(key)
    if (d.startsWith('<')) return void out.placeholders.add(d)
    if (d.startsWith('subst:')) return void out.substitutions.add(d.slice('subst:'.length))
    const s = byAddress.get(at)
    const [kind, name] = [d.slice(0, d.indexOf('.')), d.slice(d.indexOf('.') + 1)]
    if (kind === 'local') for (const x of s?.locals[name] ?? []) visit(at, x)
    if (kind !== 'var') return
    if (at === '') return void out.vars.add(name)
    for (const x of s?.args[name] ?? []) visit('', x)
  }
  for (const d of deps) visit(scope, d)
  return out
}
