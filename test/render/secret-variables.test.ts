import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/compiler/index.js'
import { secretVariables, withSecretVariables } from '../../targets/terraform/secret-variables.js'
import { readFileSync } from 'node:fs'

describe('Terraform: the spec\'s secrets as the TF_VAR_ the tfvars name', () => {
  const a = analyze('examples/keycloak.yaml', readFileSync('examples/keycloak.yaml', 'utf8'))
  const vars = secretVariables(a.params!)
  it('maps each { env: NAME } reference to its Terraform variable', () => {
    expect(vars).toMatchObject({ KEYCLOAK_ADMIN_PASSWORD: 'keycloak_admin_password', KEYCLOAK_DB_PASSWORD: 'keycloak_database_password' })
    expect(Object.keys(vars)).not.toContain('SECRET_KEY') // ECS generates it: no variable
  })
  it('is a view of the environment: references present become TF_VAR_, a TF_VAR_ the user set wins, nothing else changes', () => {
    const host = new Proxy({} as Record<string, string | undefined>, { get: (_, k) => ({ KEYCLOAK_ADMIN_PASSWORD: 'a', TF_VAR_keycloak_database_password: 'mine', OTHER: 'o' } as Record<string, string>)[k as string] })
    const env = withSecretVariables(host, vars)
    expect(env.TF_VAR_keycloak_admin_password).toBe('a')
    expect(env.TF_VAR_keycloak_database_password).toBe('mine')
    expect(env.OTHER).toBe('o')
    expect(env.TF_VAR_grafana_admin_password).toBeUndefined()
    expect('TF_VAR_keycloak_admin_password' in env).toBe(true)
  })
})
