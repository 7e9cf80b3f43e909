/**
 * The Terraform renderer against the registry's own terraform/aws-ecs (../shared/registry from the
 * project root, or REGCFG_TEST_REGISTRY) with the real terraform: every expected value below is what
 * the module's own expressions give, evaluated by terraform, for regcfg's emitted tfvars.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { analyze } from '../../src/compiler/index.js'
import { emitSurfaces } from '../../src/surfaces/emit.js'
import type { ParameterId } from '../../src/compiler/types.js'
import type { RenderInput, RenderResult } from '../../targets/_render/types.js'
import { targetFor } from '../../targets/index.js'

const REGISTRY = resolve(process.env.REGCFG_TEST_REGISTRY ?? resolve(import.meta.dirname, '../../../shared/registry'))
if (!existsSync(join(REGISTRY, 'terraform/aws-ecs/variables.tf'))) throw new Error(`render tests need the registry checkout at ${REGISTRY} (../shared/registry from the project root, or set REGCFG_TEST_REGISTRY)`)
const VARIABLES_TF = join(REGISTRY, 'terraform/aws-ecs/variables.tf')

const render = (files: Record<string, string>, processEnv: Record<string, string> = {}): Promise<RenderResult> => targetFor('terraform').render!({ registryDir: REGISTRY, files, processEnv } satisfies RenderInput)

/** An example compiled in memory as `regcfg compile --target terraform` (with --write-secrets: secrets.auto.tfvars too). */
function compiled(example: string, secrets: Record<string, string> = {}): Record<string, string> {
  const a = analyze(example, readFileSync(example, 'utf8'))
  const r = emitSurfaces(a, ['terraform'], { secrets: new Map(Object.entries(secrets) as [ParameterId, string][]), writeSecrets: Object.keys(secrets).length > 0, envSecretName: 'x', specName: example }).get('terraform')!
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return Object.fromEntries(r.files.map((f) => [f.path, f.content]))
}

/** The line of `variable "name"` in the checkout's variables.tf. */
const declLine = (name: string): number => readFileSync(VARIABLES_TF, 'utf8').split('\n').findIndex((l) => l.startsWith(`variable "${name}"`)) + 1

describe('terraform render of the registry\'s terraform/aws-ecs', () => {
  test('cognito: what the module gives the auth-server container', async () => {
    const r = await render(compiled('examples/cognito.yaml'), { TF_VAR_cognito_client_secret: 'cognito-secret-from-tf-var', SECRET_KEY: 'the-spec-secret-key' })
    expect(r.surface).toBe('terraform')
    expect(r.tools.map((t) => t.argv[0])).toContain('console')
    expect(r.tools.every((t) => t.tool === 'terraform' && /^Terraform v1\./.test(t.version))).toBe(true)
    const env = r.containers['auth-server']!.env
    expect(r.containers['auth-server']!.source).toMatch(/container "auth-server" of module\.ecs_service_auth in terraform\/aws-ecs\/modules\/mcp-gateway\/ecs-services\.tf/)

    expect(env.AUTH_PROVIDER).toMatchObject({ value: 'cognito', origin: 'regcfg' })
    expect(env.AUTH_PROVIDER!.detail).toContain('var.cognito_enabled (terraform.tfvars)')
    expect(env.COGNITO_USER_POOL_ID).toMatchObject({ value: 'us-east-1_AbC123xyz', origin: 'regcfg', detail: 'var.cognito_user_pool_id (terraform.tfvars)' })
    expect(env.COGNITO_CLIENT_ID).toMatchObject({ value: '4example1client2id3abc', origin: 'regcfg' })
    expect(env.REGISTRY_URL).toMatchObject({ value: 'https://registry.example.com', origin: 'regcfg' })
    // data.aws_region.current → the region the root's provider "aws" block sets from var.aws_region
    expect(env.AWS_REGION).toMatchObject({ value: 'us-east-1', origin: 'regcfg' })
    expect(env.AWS_REGION!.detail).toContain('var.aws_region (terraform.tfvars)')
    expect(r.substitutions.map((s) => s.what)).toContain('data.aws_region.* (the aws provider\'s region)')

    // storage: the module's own, which regcfg does not set
    expect(env.STORAGE_BACKEND).toMatchObject({ value: 'documentdb', origin: 'module' })
    expect(env.DOCUMENTDB_DATABASE).toMatchObject({ value: 'mcp_registry', origin: 'module' })
    expect(env.DOCUMENTDB_USE_TLS).toMatchObject({ value: 'true', origin: 'module' })
    expect(env.DOCUMENTDB_HOST).toMatchObject({ value: '<aws_docdb_cluster.registry[0].endpoint>', origin: 'placeholder' })
    expect(env.DOCUMENTDB_USERNAME).toMatchObject({ value: 'admin', origin: 'regcfg', secret: true }) // the example's storage.username
    expect(env.DOCUMENTDB_USERNAME!.detail).toContain('aws_secretsmanager_secret_version.documentdb_credentials')

    // the module's random_password, not the spec's auth.secretKey
    expect(env.SECRET_KEY).toMatchObject({ value: '<module.mcp_gateway.random_password.secret_key.result>', origin: 'placeholder', secret: true })
    expect(r.substitutions.find((s) => s.what === 'module.mcp_gateway.random_password.secret_key.result')?.why).toMatch(/random provider/)
    // a secret the module stores from a variable the user exports as TF_VAR_
    expect(env.COGNITO_CLIENT_SECRET).toMatchObject({ value: 'cognito-secret-from-tf-var', origin: 'user-env', secret: true })
    expect(env.COGNITO_CLIENT_SECRET!.detail).toMatch(/^TF_VAR_cognito_client_secret via module\.mcp_gateway\.aws_secretsmanager_secret_version\.cognito_client_secret/)

    expect(r.containers.registry!.env.AUTH_SERVER_URL?.value).toBe(env.AUTH_SERVER_URL?.value)
    // what is missing, terraform names (the problems, whatever they are, are terraform's own)
    for (const p of r.problems.filter((d) => d.code === 'RC7101')) expect(p.file).toBe(VARIABLES_TF)
    expect(JSON.stringify(r)).not.toContain('the-spec-secret-key')
  })

  test('cognito with --write-secrets: the secret from secrets.auto.tfvars is regcfg\'s', async () => {
    const others = ['auth.secretKey', 'auth.keycloak.adminPassword', 'auth.keycloak.databasePassword', 'storage.password', 'observability.grafana.adminPassword', 'egress.openbao.token']
    const r = await render(compiled('examples/cognito.yaml', { ...Object.fromEntries(others.map((id, i) => [id, `other-secret-${i}`])), 'auth.cognito.clientSecret': 'written-by-regcfg', 'auth.nginxMarkerSecret': 'marker-by-regcfg' }))
    const env = r.containers['auth-server']!.env
    expect(env.COGNITO_CLIENT_SECRET).toMatchObject({ value: 'written-by-regcfg', origin: 'regcfg' })
    expect(env.COGNITO_CLIENT_SECRET!.detail).toContain('var.cognito_client_secret (secrets.auto.tfvars)')
    // var.egress_nginx_marker_secret wins over the module's random_password when set
    expect(env.AUTH_SERVER_NGINX_MARKER_SECRET).toMatchObject({ value: 'marker-by-regcfg', origin: 'regcfg' })
    const problems = JSON.stringify(r.problems) + JSON.stringify(r.substitutions)
    expect(problems).not.toContain('written-by-regcfg')
  })

  test('keycloak and entra: provider settings as the module passes them', async () => {
    const kc = await render(compiled('examples/keycloak.yaml'), { TF_VAR_keycloak_admin_password: 'kc-admin' })
    const k = kc.containers['auth-server']!.env
    expect(k.AUTH_PROVIDER).toMatchObject({ value: 'keycloak', origin: 'regcfg' })
    expect(k.KEYCLOAK_URL).toMatchObject({ value: 'https://kc.example.com', origin: 'regcfg' })
    expect(k.KEYCLOAK_REALM).toMatchObject({ value: 'mcp-gateway', origin: 'module' })
    // the module writes "placeholder-will-be-updated-by-init-script" under ignore_changes; init-keycloak.sh replaces it
    expect(k.KEYCLOAK_CLIENT_SECRET).toMatchObject({ origin: 'placeholder', value: '<module.mcp_gateway.aws_secretsmanager_secret_version.keycloak_client_secret.secret_string[client_secret]>' })
    expect(k.KEYCLOAK_CLIENT_SECRET!.detail).toMatch(/replaced by the deployment/)
    expect(kc.substitutions.map((x) => x.what)).toContain('module.mcp_gateway.aws_secretsmanager_secret_version.keycloak_client_secret.secret_string[client_secret]')
    expect(kc.problems.map((p) => p.message).join('\n')).not.toContain('"keycloak_admin_password"')

    const en = await render(compiled('examples/entra.yaml'), { TF_VAR_entra_client_secret: 'entra-secret' })
    const e = en.containers['auth-server']!.env
    expect(e.AUTH_PROVIDER).toMatchObject({ value: 'entra', origin: 'regcfg' })
    expect(e.ENTRA_TENANT_ID).toMatchObject({ value: '72f988bf-86f1-41af-91ab-2d7cd011db47', origin: 'regcfg' })
    expect(e.ENTRA_CLIENT_SECRET).toMatchObject({ value: 'entra-secret', origin: 'user-env' }) // the user's value under ignore_changes: the first apply's
    expect(e.ENTRA_CLIENT_SECRET!.detail).toMatch(/ignore_changes: a later change/)
    expect(e.COGNITO_CLIENT_SECRET).toBeUndefined() // the module adds it only when cognito_enabled
  })

  test('every missing required variable in one run, at its declaration, and the render goes on with placeholders', async () => {
    const r = await render({ 'terraform.tfvars': 'cognito_enabled = true\naws_region = "eu-west-1"\n' })
    const missing = r.problems.filter((d) => d.code === 'RC7101')
    expect(missing.map((d) => /"(\w+)"/.exec(d.message)![1]).sort()).toEqual(['keycloak_admin_password', 'keycloak_database_password'])
    for (const d of missing) {
      const name = /"(\w+)"/.exec(d.message)![1]!
      expect(d).toMatchObject({ severity: 'error', surface: 'terraform', file: VARIABLES_TF, line: declLine(name) })
      expect(d.hint).toContain(`TF_VAR_${name}`)
    }
    expect(r.tools.map((t) => t.argv[0])).toContain('plan')
    expect(r.containers['auth-server']!.env.AWS_REGION?.value).toBe('eu-west-1')
    expect(r.substitutions.map((s) => s.what)).toContain('var.keycloak_admin_password')

    const one = await render({ 'terraform.tfvars': 'cognito_enabled = true\n' }, { TF_VAR_keycloak_admin_password: 'x', TF_VAR_keycloak_database_password: 'y' })
    expect(one.problems.filter((d) => d.code === 'RC7101')).toEqual([])
    // the registry container gets the admin password through the module's Secrets Manager secret
    expect(one.containers.registry!.env.KEYCLOAK_ADMIN_PASSWORD).toMatchObject({ value: 'x', origin: 'user-env', secret: true })
  })

  test('auth_server_extra_env entries reach the auth-server container as the module concatenates them', async () => {
    const r = await render({ 'terraform.tfvars': 'cognito_enabled = true\nauth_server_extra_env = [{ name = "EXTRA_ONE", value = "1" }]\n' }, { TF_VAR_keycloak_admin_password: 'x', TF_VAR_keycloak_database_password: 'y' })
    expect(r.containers['auth-server']!.env.EXTRA_ONE).toMatchObject({ value: '1', origin: 'regcfg' })
    expect(r.containers.registry!.env.EXTRA_ONE).toBeUndefined()
  })

  test('what terraform rejects in a tfvars file is a problem at its line there', async () => {
    const r = await render({ 'terraform.tfvars': 'cognito_enabled = true\nno_such_variable = "x"\napp_log_centralized_ttl_days = 0\n' }, { TF_VAR_keycloak_admin_password: 'x', TF_VAR_keycloak_database_password: 'y' })
    const undeclared = r.problems.find((d) => d.code === 'RC7103')
    expect(undeclared).toMatchObject({ severity: 'warning', file: 'terraform.tfvars', line: 2 })
    expect(undeclared!.message).toContain('"no_such_variable"')
    const invalid = r.problems.find((d) => d.code === 'RC7102')
    expect(invalid).toMatchObject({ severity: 'error', file: 'terraform.tfvars', line: 3 })
    expect(invalid!.message).toContain('Application log TTL must be between 1 and 365 days')
  })

  test('the assembled configuration is cached per checkout: a later render runs no terraform init', async () => {
    await render({ 'terraform.tfvars': 'cognito_enabled = true\n' })
    const again = await render({ 'terraform.tfvars': 'okta_enabled = true\n' }, { TF_VAR_keycloak_admin_password: 'x', TF_VAR_keycloak_database_password: 'y' })
    expect(again.tools.map((t) => t.argv[0])).toEqual(['console'])
    expect(again.containers['auth-server']!.env.AUTH_PROVIDER).toMatchObject({ value: 'okta', origin: 'regcfg' })
    expect(existsSync(join(tmpdir(), 'regcfg-render-terraform'))).toBe(true)
  })

  test('containers are found by name in other shapes too: a task definition\'s jsonencode([...]), in the root module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regcfg-tf-shape-'))
    try {
      const root = join(dir, 'terraform/aws-ecs')
      mkdirSync(root, { recursive: true })
      writeFileSync(join(root, 'variables.tf'), 'variable "region" {\n  type = string\n  default = "eu-central-1"\n}\nvariable "token" {\n  type = string\n  sensitive = true\n}\nvariable "mode" {\n  type = string\n  default = "a"\n}\n')
      writeFileSync(join(root, 'main.tf'), `provider "aws" {\n  region = var.region\n}\nlocals {\n  suffix = var.mode == "a" ? "-a" : "-b"\n}\nresource "aws_secretsmanager_secret" "token" {\n  name = "t"\n}\nresource "aws_secretsmanager_secret_version" "token" {\n  secret_id     = aws_secretsmanager_secret.token.id\n  secret_string = jsonencode({ value = var.token })\n}\nresource "aws_ecs_task_definition" "auth" {\n  family = "auth"\n  container_definitions = jsonencode([\n    {\n      name = "auth-server"\n      environment = [\n        { name = "REGION", value = data.aws_region.current.name },\n        { name = "MODE", value = "\${var.mode}\${local.suffix}" },\n        { name = "BUCKET", value = aws_s3_bucket.b.id },\n      ]\n      secrets = [{ name = "TOKEN", valueFrom = "\${aws_secretsmanager_secret.token.arn}:value::" }]\n    }\n  ])\n}\n`)
      const r = await targetFor('terraform').render!({ registryDir: dir, files: { 'terraform.tfvars': 'mode = "b"\n' }, processEnv: { TF_VAR_token: 'tok' } })
      expect(r.problems.filter((d) => d.severity === 'error')).toEqual([])
      const env = r.containers['auth-server']!.env
      expect(r.containers['auth-server']!.source).toContain('aws_ecs_task_definition.auth in terraform/aws-ecs/main.tf')
      expect(env.REGION).toMatchObject({ value: 'eu-central-1', origin: 'module' })
      expect(env.MODE).toMatchObject({ value: 'b-b', origin: 'regcfg' })
      expect(env.BUCKET).toMatchObject({ value: '<aws_s3_bucket.b.id>', origin: 'placeholder' })
      expect(env.TOKEN).toMatchObject({ value: 'tok', origin: 'user-env', secret: true })
      expect(r.containers.registry).toBeUndefined()
      expect(r.problems.map((d) => d.message).join('\n')).toContain('no container "registry"')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('keycloak reads its admin from SSM parameters; grafana and metrics-service (object-literal containers) exist as their count says', async () => {
    const tf = (extra: string) => render({ 'terraform.tfvars': `cognito_enabled = true\nkeycloak_admin = "kc-boss"\n${extra}` }, { TF_VAR_keycloak_admin_password: 'kc-pw', TF_VAR_keycloak_database_password: 'y', TF_VAR_grafana_admin_password: 'gf-pw' })
    const r = await tf('')
    const kc = r.containers.keycloak!.env
    expect(kc.KEYCLOAK_ADMIN).toMatchObject({ value: 'kc-boss', origin: 'regcfg', secret: true, detail: expect.stringContaining('via aws_ssm_parameter.keycloak_admin') })
    expect(kc.KEYCLOAK_ADMIN_PASSWORD).toMatchObject({ value: 'kc-pw', origin: 'user-env', detail: expect.stringContaining('via aws_ssm_parameter.keycloak_admin_password') })
    expect(kc.KC_DB_URL).toMatchObject({ origin: 'placeholder' }) // the Aurora endpoint only an apply knows
    expect(r.containers.grafana!.source).toContain('module.ecs_service_grafana in terraform/aws-ecs/modules/mcp-gateway/observability.tf')
    expect(r.containers.grafana!.env.GF_SECURITY_ADMIN_PASSWORD).toMatchObject({ value: 'gf-pw', origin: 'user-env' })
    // module.ecs_service_metrics has count = enable_observability && metrics_service_image_uri != "" ? 1 : 0
    expect(r.containers['metrics-service']).toBeUndefined()
    const on = await tf('metrics_service_image_uri = "ecr/metrics:1"\notel_otlp_endpoint = "https://otlp.example.test"\n')
    expect(on.containers['metrics-service']!.env.OTEL_OTLP_ENDPOINT).toMatchObject({ value: 'https://otlp.example.test', origin: 'regcfg' })
    const off = await tf('metrics_service_image_uri = "ecr/metrics:1"\nenable_observability = false\n')
    expect([off.containers.grafana, off.containers['metrics-service']]).toEqual([undefined, undefined])
  })

  test('a storage backend other than documentdb: the tasks get no DocumentDB credentials', async () => {
    const r = await render({ 'terraform.tfvars': 'cognito_enabled = true\nstorage_backend = "mongodb-ce"\nmongodb_connection_string = "mongodb://m:27017"\n' }, { TF_VAR_keycloak_admin_password: 'x', TF_VAR_keycloak_database_password: 'y' })
    expect(r.containers.registry!.env.STORAGE_BACKEND).toMatchObject({ value: 'mongodb-ce', origin: 'regcfg' })
    expect(r.containers.registry!.env.DOCUMENTDB_USERNAME).toBeUndefined()
    // the auth-server's valueFrom names the module's empty ARN: no secret
    expect(r.containers['auth-server']!.env.DOCUMENTDB_USERNAME).toMatchObject({ value: '<secretsmanager::username::>', origin: 'placeholder' })
  })

  test('a folder that is not a registry checkout is a RegistryCheckoutError naming the missing file', async () => {
    await expect(targetFor('terraform').render!({ registryDir: tmpdir(), files: {}, processEnv: {} })).rejects.toMatchObject({ name: 'RegistryCheckoutError', missing: 'terraform/aws-ecs/variables.tf' })
  })
}, 180_000)
