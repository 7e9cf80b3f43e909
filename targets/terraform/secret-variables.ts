/**
 * terraform.tfvars holds no secret values: for each secret the spec references by environment
 * variable it tells the user to export TF_VAR_<name> (targets/terraform/index.ts). What a user who
 * follows that does, for the render and the conformance harness.
 */
import { parameterById } from '../../src/compiler/map.js'
import { isSecretRef, type CanonicalParams } from '../../src/compiler/types.js'

/** Reference variable (the spec's `{ env: NAME }`) → the Terraform variable it is exported as. */
export function secretVariables(params: CanonicalParams): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [id, v] of params) {
    const name = parameterById(id)?.surfaces.terraform.name
    if (name && isSecretRef(v) && 'env' in v) out[v.env] = name
  }
  return out
}

/**
 * The environment with TF_VAR_<name> for every reference that is set; a TF_VAR_ already there wins.
 * A view, not a copy: the environment may itself be a view (the CLI's host environment).
 */
export function withSecretVariables(env: Readonly<Record<string, string | undefined>>, vars: Readonly<Record<string, string>>): Readonly<Record<string, string | undefined>> {
  const refOf = new Map(Object.entries(vars).map(([ref, name]) => [`TF_VAR_${name}`, ref]))
  const get = (k: string): string | undefined => env[k] ?? (refOf.has(k) ? env[refOf.get(k)!] : undefined)
  return new Proxy({} as Record<string, string | undefined>, {
    get: (_, k) => (typeof k === 'string' ? get(k) : undefined),
    has: (_, k) => typeof k === 'string' && get(k) !== undefined,
  })
}
