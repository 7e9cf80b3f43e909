/**
 * What terraform evaluated (the containers' `environment`/`secrets` lists and the Secrets Manager
 * and SSM parameter values they name) → each container's environment as ECS would inject it, with where each value
 * came from: regcfg's tfvars, a TF_VAR_ of the user, the module's own defaults and expressions, or a
 * placeholder for what only a real deployment has. Pure.
 */
import type { RenderedContainer, RenderedVar, Substitution } from '../_render/types.js'
import { closure, type ContainerMeta, type Dep, type RenderMeta, type SecretMeta } from './render-meta.js'

/** Where each root variable's value came from. */
export interface Provenance {
  /** Variable → the tfvars file (as emitted by regcfg) that sets it. */
  tfvars: ReadonlyMap<string, string>
  /** Variables set by TF_VAR_<name> in the process environment. */
  userEnv: ReadonlySet<string>
  /** Required variables nobody set, given to terraform as placeholders: name → token. */
  missing: ReadonlyMap<string, string>
}

/** The render's values: output name → what terraform gave. */
export type Evaluated = Record<string, unknown>

interface Entry {
  name: string
  value?: unknown
  valueFrom?: unknown
}

const entries = (v: unknown): Entry[] => (Array.isArray(v) ? v.filter((e): e is Entry => typeof e === 'object' && e !== null && typeof (e as Entry).name === 'string') : [])
const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))

export interface ReadResult {
  containers: Record<string, RenderedContainer>
  substitutions: Substitution[]
}

export function readContainers(meta: RenderMeta, values: Evaluated, prov: Provenance): ReadResult {
  const tokens = new Map<string, { what: string; why: string }>()
  for (const [t, p] of Object.entries(meta.placeholders)) tokens.set(t, { what: p.address, why: p.why })
  for (const [name, t] of prov.missing) tokens.set(t, { what: `var.${name}`, why: 'a required variable with no value (see the problems); the render went on with this placeholder' })
  const used = new Map<string, Substitution>()
  const useToken = (t: string) => used.set(t, { what: tokens.get(t)!.what, why: tokens.get(t)!.why })

  const origin = (scope: string, deps: readonly Dep[], value: string, fallback: string): RenderedVar => {
    const found = [...tokens.keys()].filter((t) => value.includes(t))
    const cl = closure(meta, scope, deps)
    for (const s of cl.substitutions) if (meta.substitutions[s]) used.set(`subst:${s}`, meta.substitutions[s]!)
    const secret = [...cl.vars].some((v) => meta.rootVars[v]?.sensitive)
    const v = (o: RenderedVar): RenderedVar => (secret ? { ...o, secret: true } : o)
    if (found.length > 0) {
      found.forEach(useToken)
      return v({ value, origin: 'placeholder', detail: found.map((t) => tokens.get(t)!.what).join(', ') })
    }
    const via = cl.substitutions.size ? ` (via ${[...cl.substitutions].join(', ')})` : ''
    const fromTfvars = [...cl.vars].filter((x) => prov.tfvars.has(x))
    if (fromTfvars.length) return v({ value, origin: 'regcfg', detail: fromTfvars.map((x) => `var.${x} (${prov.tfvars.get(x)})`).join(', ') + via })
    const fromEnv = [...cl.vars].filter((x) => prov.userEnv.has(x))
    if (fromEnv.length) return v({ value, origin: 'user-env', detail: fromEnv.map((x) => `TF_VAR_${x}`).join(', ') + via })
    const defaults = [...cl.vars].map((x) => `var.${x}`)
    return v({ value, origin: 'module', detail: (defaults.length ? `default of ${defaults.join(', ')}; ` : '') + fallback + via })
  }

  const containers: Record<string, RenderedContainer> = {}
  for (const c of meta.containers) {
    const lists = values[c.output] as { environment?: unknown; secrets?: unknown; present?: unknown } | undefined
    // a container whose block's count is 0: the deployment has no such container
    if (!lists || lists.present === false) continue
    const env: Record<string, RenderedVar> = {}
    for (const e of entries(lists.environment)) env[e.name] = origin(c.scope, c.env[e.name] ?? c.rest, str(e.value), c.source)
    for (const e of entries(lists.secrets)) env[e.name] = { ...secretValue(meta, c, e, values, origin, tokens, useToken, (k, s) => used.set(k, s)), secret: true }
    containers[c.key] = { name: c.key, source: `container "${c.name}" of ${c.source}`, env }
  }
  return { containers, substitutions: [...used.values()] }
}

// ECS `valueFrom`: <secret ARN>[:<json-key>:<version-stage>:<version-id>], or an SSM parameter's ARN
const VALUE_FROM = /^(<[^>]+>)(?::([^:]*):([^:]*):([^:]*))?$/
const STORE_OF: Record<string, SecretMeta['store'] | undefined> = { aws_secretsmanager_secret: 'secretsmanager', aws_ssm_parameter: 'ssm' }
const STORE_NAME = { secretsmanager: 'Secrets Manager secret', ssm: 'SSM parameter' } as const

function secretValue(
  meta: RenderMeta,
  c: ContainerMeta,
  e: Entry,
  values: Evaluated,
  origin: (scope: string, deps: readonly Dep[], value: string, fallback: string) => RenderedVar,
  tokens: ReadonlyMap<string, { what: string; why: string }>,
  useToken: (t: string) => void,
  substituted: (key: string, s: Substitution) => void,
): RenderedVar {
  const from = str(e.valueFrom)
  const m = VALUE_FROM.exec(from)
  const p = m ? meta.placeholders[m[1]!] : undefined
  const store = p && STORE_OF[p.type]
  const version = p && store ? meta.secrets.find((s) => s.store === store && s.scope === p.scope && s.secret === p.name) : undefined
  // an SSM parameter's valueFrom is its ARN alone (a JSON key is Secrets Manager's)
  if (!m || !version || !(version.output in values) || (store === 'ssm' && m[2] !== undefined)) {
    // a secret the module does not write (an ARN the user passes, or one it only references)
    const token = `<${store ?? 'secretsmanager'}:${from}>`
    for (const t of tokens.keys()) if (from.includes(t)) useToken(t)
    return { value: token, origin: 'placeholder', detail: `${STORE_NAME[store ?? 'secretsmanager']} ${from}, which the module does not write` }
  }
  const stored = str(values[version.output])
  const key = m[2]
  let value = stored
  if (key) {
    try {
      value = str((JSON.parse(stored) as Record<string, unknown>)[key])
    } catch {
      value = `<${version.address}.${version.attribute}:${key}>`
    }
  }
  const r = origin(version.scope, version.deps, value, `${version.address}.${version.attribute}`)
  const what = `${version.address}.${version.attribute}${key ? `[${key}]` : ''}`
  if (version.ignoreChanges && closure(meta, version.scope, version.deps).vars.size === 0) {
    // a literal of the module's own (Keycloak's "placeholder-will-be-updated-by-init-script") that
    // terraform writes once and the deployment's init script replaces: not what the container reads
    substituted(`replaced:${what}`, { what, why: `a value of the module itself under lifecycle ignore_changes = [${version.attribute}]: the deployment (its init script) replaces it after the first apply` })
    return { value: `<${what}>`, origin: 'placeholder', detail: `${what}: written once by the module, replaced by the deployment after the first apply` }
  }
  // a value of the user's under ignore_changes reaches the secret on the first apply only
  const note = version.ignoreChanges ? '; lifecycle ignore_changes: a later change reaches the secret only by hand (or after the secret is recreated)' : ''
  return { ...r, detail: `${r.detail ?? ''}${key ? ` [${key}]` : ''} via ${version.address}${note}` }
}
