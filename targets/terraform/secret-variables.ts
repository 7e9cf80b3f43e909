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

/** The environment with TF_VAR_<name> for every reference that is set; a TF_VAR_ already there wins. */
export function withSecretVariables(env: Readonly<Record<string, string | undefined>>, vars: Readonly<Record<string, string>>): Record<string, string | undefined> {
  const exported = Object.entries(vars).flatMap(([ref, name]) => (env[ref] === undefined ? [] : [[`TF_VAR_${name}`, env[ref]] as const]))
  return { ...Object.fromEntries(exported), ...env }
}
