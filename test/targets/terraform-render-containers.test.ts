/**
 * render-containers.ts: the forms a module writes container_definitions in, as hcl2json gives them
 * (HashiCorp's parser), and what each named entry of a list references.
 */
import h2j from '@cdktf/hcl2json'
import { describe, expect, it } from 'vitest'
import { findContainers, isObj, jsonEntryDeps, type ContainerBlock, type Obj } from '../../targets/terraform/render-containers.js'

/** The module and resource blocks of an HCL text, as the assembler's ScopeSource lists them. */
async function blocks(hcl: string): Promise<ContainerBlock[]> {
  const json = (await h2j.parse('main.tf', hcl)) as Obj
  const out: ContainerBlock[] = []
  for (const [name, b] of Object.entries((json.module ?? {}) as Obj)) out.push({ kind: 'module', type: 'module', name, body: (b as Obj[])[0]!, file: 'main.tf' })
  for (const [type, byName] of Object.entries((json.resource ?? {}) as Obj)) {
    for (const [name, b] of Object.entries(byName as Obj)) out.push({ kind: 'resource', type, name, body: (b as Obj[])[0]!, file: 'main.tf' })
  }
  return out
}

const WANTED = { grafana: 'grafana', keycloak: 'keycloak', 'auth-server': 'auth-server' }

describe('findContainers', () => {
  it('an object literal (the map form of terraform-aws-modules/ecs): its lists as JSON, with the block\'s count', async () => {
    const [f, ...more] = await findContainers(await blocks(`
      module "ecs_service_grafana" {
        count  = var.enable_observability ? 1 : 0
        source = "terraform-aws-modules/ecs/aws//modules/service"
        container_definitions = {
          grafana = {
            image       = var.grafana_image_uri
            environment = [{ name = "AWS_REGION", value = data.aws_region.current.id }]
            secrets     = concat([{ name = "GF_SECURITY_ADMIN_PASSWORD", valueFrom = aws_secretsmanager_secret.grafana[0].arn }], [])
          }
          grafana-config = { environment = [{ name = "X", value = "y" }] }
        }
      }`), WANTED)
    expect(more).toEqual([])
    expect(f).toMatchObject({ key: 'grafana', name: 'grafana', block: 'module.ecs_service_grafana', count: '${var.enable_observability ? 1 : 0}' })
    expect(f!.environment).toEqual({ json: [{ name: 'AWS_REGION', value: '${data.aws_region.current.id}' }] })
    // an attribute that is an expression: hcl2json gives its template
    expect('json' in f!.secrets! && typeof f!.secrets.json === 'string' && f!.secrets.json.startsWith('${concat(')).toBe(true)
  })

  it('a tuple literal (the list form): entries by their name', async () => {
    const [f] = await findContainers(await blocks(`
      resource "aws_ecs_task_definition" "x" {
        container_definitions = [{ name = "keycloak", environment = local.env }]
      }`), WANTED)
    expect(f).toMatchObject({ key: 'keycloak', block: 'aws_ecs_task_definition.x', environment: { json: '${local.env}' } })
    expect(f!.secrets).toBeUndefined()
    expect(f!.count).toBeUndefined()
  })

  it('templates, as before: jsonencode([...]) and merge({ name = {...} })', async () => {
    const found = await findContainers(await blocks(`
      resource "aws_ecs_task_definition" "keycloak" {
        container_definitions = jsonencode([{ name = "keycloak", secrets = local.keycloak_container_secrets }])
      }
      module "ecs_service_auth" {
        container_definitions = merge({ auth-server = { environment = [{ name = "A", value = var.a }] } }, {})
      }`), WANTED)
    expect(found.map((f) => [f.key, f.block])).toEqual([['auth-server', 'module.ecs_service_auth'], ['keycloak', 'aws_ecs_task_definition.keycloak']])
    expect(found.find((f) => f.key === 'keycloak')!.secrets).toEqual({ native: 'local.keycloak_container_secrets' })
    expect(found.find((f) => f.key === 'auth-server')!.environment).toEqual({ native: expect.stringContaining('name = "A"') })
  })

  it('a container with neither list, or not wanted, is not found', async () => {
    expect(await findContainers(await blocks(`module "m" {\n container_definitions = { grafana = { image = "x" }, other = { environment = [] } }\n}`), WANTED)).toEqual([])
  })
})

describe('jsonEntryDeps', () => {
  it('a literal-named entry gets its field\'s deps; the rest and other elements go to rest', () => {
    const list = [{ name: 'A', value: '${var.a}' }, { name: '${var.n}', value: 'x' }, '${local.more}']
    const deps = [{ field: ['var.a'], other: [] }, { field: ['var.v'], other: ['var.n'] }, { field: ['local.more'], other: [] }]
    expect(jsonEntryDeps(list, deps)).toEqual({ entries: { A: ['var.a'] }, rest: ['var.v', 'var.n', 'local.more'] })
    expect(isObj(list[0])).toBe(true)
  })
})
