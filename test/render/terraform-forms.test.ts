/**
 * The terraform renderer on a small module of the shapes the registry's terraform/aws-ecs uses,
 * evaluated by the real terraform: an SSM parameter a container's valueFrom names (keycloak-ecs.tf),
 * a container written as an object literal in a module call with a count (observability.tf), and a
 * JSON key of a Secrets Manager secret passed in through a module argument (the DocumentDB
 * credentials). Every value below is terraform's.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RenderResult } from '../../targets/_render/types.js'
import { renderTerraform } from '../../targets/terraform/render.js'

const ROOT = `
provider "aws" {
  region = var.aws_region
}
variable "aws_region" {
  type    = string
  default = "eu-west-1"
}
variable "keycloak_admin" {
  type    = string
  default = "admin"
}
variable "keycloak_admin_password" {
  type      = string
  sensitive = true
}
variable "storage_backend" {
  type    = string
  default = "documentdb"
}
variable "db_username" {
  type    = string
  default = "docdbadmin"
}
variable "enable_observability" {
  type    = bool
  default = true
}
variable "grafana_admin_password" {
  type      = string
  default   = ""
  sensitive = true
}
locals {
  keycloak_secrets = [
    { name = "KEYCLOAK_ADMIN", valueFrom = aws_ssm_parameter.keycloak_admin.arn },
    { name = "KEYCLOAK_ADMIN_PASSWORD", valueFrom = aws_ssm_parameter.keycloak_admin_password.arn },
    { name = "KC_DB_URL", valueFrom = aws_ssm_parameter.db_url.arn },
  ]
}
resource "aws_ssm_parameter" "keycloak_admin" {
  name  = "/keycloak/admin"
  type  = "SecureString"
  value = var.keycloak_admin
}
resource "aws_ssm_parameter" "keycloak_admin_password" {
  name  = "/keycloak/admin_password"
  type  = "SecureString"
  value = var.keycloak_admin_password
}
resource "aws_ssm_parameter" "db_url" {
  name  = "/keycloak/db_url"
  type  = "SecureString"
  value = "jdbc:mysql://\${aws_rds_cluster.keycloak.endpoint}:3306/keycloak"
}
resource "aws_ecs_task_definition" "keycloak" {
  family = "keycloak"
  container_definitions = jsonencode([{
    name        = "keycloak"
    environment = [{ name = "KC_DB", value = "mysql" }]
    secrets     = local.keycloak_secrets
  }])
}
resource "aws_secretsmanager_secret" "documentdb_credentials" {
  count = var.storage_backend == "documentdb" ? 1 : 0
  name  = "docdb"
}
resource "aws_secretsmanager_secret_version" "documentdb_credentials" {
  count     = var.storage_backend == "documentdb" ? 1 : 0
  secret_id = aws_secretsmanager_secret.documentdb_credentials[0].id
  secret_string = jsonencode({
    username = var.db_username
    password = "fixed-in-module"
  })
}
module "mcp_gateway" {
  source                            = "./modules/gw"
  documentdb_credentials_secret_arn = var.storage_backend == "documentdb" ? aws_secretsmanager_secret.documentdb_credentials[0].arn : ""
  enable_observability              = var.enable_observability
  grafana_admin_password            = var.grafana_admin_password
}
`

const MODULE = `
variable "documentdb_credentials_secret_arn" {
  type = string
}
variable "enable_observability" {
  type = bool
}
variable "grafana_admin_password" {
  type = string
}
resource "aws_secretsmanager_secret" "grafana_admin_password" {
  count = var.enable_observability ? 1 : 0
  name  = "grafana"
}
resource "aws_secretsmanager_secret_version" "grafana_admin_password" {
  count         = var.enable_observability ? 1 : 0
  secret_id     = aws_secretsmanager_secret.grafana_admin_password[0].id
  secret_string = var.grafana_admin_password
}
module "ecs_service_auth" {
  source = "terraform-aws-modules/ecs/aws//modules/service"
  container_definitions = merge({
    auth-server = {
      secrets = [
        { name = "DOCUMENTDB_USERNAME", valueFrom = "\${var.documentdb_credentials_secret_arn}:username::" },
        { name = "DOCUMENTDB_PASSWORD", valueFrom = "\${var.documentdb_credentials_secret_arn}:password::" },
      ]
    }
  }, {})
}
module "ecs_service_grafana" {
  count  = var.enable_observability ? 1 : 0
  source = "terraform-aws-modules/ecs/aws//modules/service"
  container_definitions = {
    grafana = {
      environment = [
        { name = "AWS_REGION", value = data.aws_region.current.id },
        { name = "GF_LOG_MODE", value = "console" },
      ]
      secrets = [{ name = "GF_SECURITY_ADMIN_PASSWORD", valueFrom = aws_secretsmanager_secret.grafana_admin_password[0].arn }]
    }
  }
}
data "aws_region" "current" {}
`

let registryDir: string
beforeAll(() => {
  registryDir = mkdtempSync(join(tmpdir(), 'regcfg-tf-forms-'))
  const root = join(registryDir, 'terraform/aws-ecs')
  mkdirSync(join(root, 'modules/gw'), { recursive: true })
  writeFileSync(join(root, 'variables.tf'), ROOT)
  writeFileSync(join(root, 'modules/gw/main.tf'), MODULE)
})
afterAll(() => rmSync(registryDir, { recursive: true, force: true }))

const render = (tfvars: string): Promise<RenderResult> => renderTerraform({ registryDir, files: { 'terraform.tfvars': tfvars }, processEnv: {} })
/** The render's problems but the containers this small module does not define. */
const problems = (r: RenderResult) => r.problems.filter((d) => !/no container "(registry|mcpgw-server|metrics-service)" /.test(d.message))

describe('terraform render: the forms of terraform/aws-ecs', () => {
  it('SSM parameters, an object-literal container, a JSON key through a module argument', async () => {
    const r = await render('keycloak_admin = "kc-boss"\nkeycloak_admin_password = "kc-pw"\ngrafana_admin_password = "gf-pw"\ndb_username = "doc-user"\n')
    expect(problems(r)).toEqual([])
    const kc = r.containers.keycloak!.env
    expect(kc.KEYCLOAK_ADMIN).toMatchObject({ value: 'kc-boss', origin: 'regcfg', secret: true, detail: expect.stringContaining('via aws_ssm_parameter.keycloak_admin') })
    expect(kc.KEYCLOAK_ADMIN_PASSWORD).toMatchObject({ value: 'kc-pw', origin: 'regcfg' })
    // what only an apply knows stays a named placeholder inside the parameter's value
    expect(kc.KC_DB_URL).toMatchObject({ value: 'jdbc:mysql://<aws_rds_cluster.keycloak.endpoint>:3306/keycloak', origin: 'placeholder' })

    const gf = r.containers.grafana!
    expect(gf.source).toContain('module.ecs_service_grafana in terraform/aws-ecs/modules/gw/main.tf')
    expect(gf.env.GF_LOG_MODE).toMatchObject({ value: 'console', origin: 'module' })
    expect(gf.env.AWS_REGION).toMatchObject({ value: 'eu-west-1', origin: 'module' })
    expect(gf.env.GF_SECURITY_ADMIN_PASSWORD).toMatchObject({ value: 'gf-pw', origin: 'regcfg', detail: expect.stringContaining('module.mcp_gateway.aws_secretsmanager_secret_version.grafana_admin_password') })

    const auth = r.containers['auth-server']!.env
    expect(auth.DOCUMENTDB_USERNAME).toMatchObject({ value: 'doc-user', origin: 'regcfg', detail: expect.stringContaining('[username] via aws_secretsmanager_secret_version.documentdb_credentials') })
    // (where a value came from is the secret's as a whole: its secret_string uses var.db_username)
    expect(auth.DOCUMENTDB_PASSWORD).toMatchObject({ value: 'fixed-in-module', secret: true })
  })

  it('a container whose block\'s count is 0 is not rendered; an ARN the module leaves empty names no secret', async () => {
    const r = await render('keycloak_admin_password = "kc-pw"\nenable_observability = false\nstorage_backend = "mongodb-ce"\n')
    expect(problems(r)).toEqual([])
    expect(Object.keys(r.containers).sort()).toEqual(['auth-server', 'keycloak'])
    expect(r.containers['auth-server']!.env.DOCUMENTDB_USERNAME).toMatchObject({ value: '<secretsmanager::username::>', origin: 'placeholder' })
  })
})
