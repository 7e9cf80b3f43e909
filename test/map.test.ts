import { Ajv2020 } from 'ajv/dist/2020.js'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { bindingNames, parameterMap, readersOf } from '../src/compiler/map.js'
import { buildSpecSchema } from '../src/compiler/spec-schema.js'
import { SURFACES } from '../src/compiler/types.js'
import { SECRET_DELIVERY } from '../targets/helm/index.js'
import { TF_CODECS } from '../targets/terraform/codecs.js'
import { HELM_CODECS } from '../targets/helm/codecs.js'

type ComposeEntry = { from?: string; default?: string; required?: boolean; literal?: string }
const upstream = JSON.parse(readFileSync('test/fixtures/upstream-names.json', 'utf8')) as {
  env: string[]
  compose: Record<string, Record<string, ComposeEntry>>
  terraform: Record<string, { type: string; sensitive: boolean; hasDefault: boolean }>
  helm: Record<string, string[]>
}

const map = parameterMap()

describe('the parameter map', () => {
  it('matches its own schema', () => {
    const schema = JSON.parse(readFileSync('schema/parameters.schema.json', 'utf8'))
    const check = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(schema)
    const raw = parse(readFileSync('schema/parameters.yaml', 'utf8'))
    expect(check(raw), JSON.stringify(check.errors, null, 1)).toBe(true)
  })

  it('is the source of the committed JSON, spec schema and compiled validator (run node tools/gen-schema.mjs after editing it)', () => {
    const yamlMap = parse(readFileSync('schema/parameters.yaml', 'utf8'))
    expect(JSON.parse(readFileSync('schema/parameters.json', 'utf8'))).toEqual(yamlMap)
    expect(JSON.parse(readFileSync('schema/registry.schema.json', 'utf8'))).toEqual(buildSpecSchema(yamlMap))
    const generated = readFileSync('src/compiler/_spec-validator.generated.mjs', 'utf8')
    expect(generated).toContain(JSON.stringify(buildSpecSchema(yamlMap)).slice(0, 400))
  })

  it('names every parameter on every surface, or says why not', () => {
    for (const p of map.parameters) for (const s of SURFACES) {
      const b = p.surfaces[s]
      expect(bindingNames(b).length > 0 || (b.absent ?? '').length >= 10, `${p.id} on ${s}`).toBe(true)
    }
  })

  it('gives no two parameters the same name on one surface', () => {
    for (const s of SURFACES) {
      const seen = new Map<string, string>()
      for (const p of map.parameters) for (const n of bindingNames(p.surfaces[s])) {
        expect(seen.get(n), `${n} on ${s} is used by ${seen.get(n)} and ${p.id}`).toBeUndefined()
        seen.set(n, p.id)
      }
    }
  })

  it('refers only to codecs, groups, providers and parameters that exist', () => {
    const groups = new Set(map.groups.map((g) => g.id))
    const ids = new Set(map.parameters.map((p) => p.id))
    for (const p of map.parameters) {
      expect(groups.has(p.group), p.id).toBe(true)
      if (p.provider) expect(groups.has(p.provider), `${p.id}: provider ${p.provider} has no group`).toBe(true)
      if (p.surfaces.terraform.codec) expect(TF_CODECS[p.surfaces.terraform.codec], p.id).toBeDefined()
      for (const s of ['helm', 'helm-stack'] as const) if (p.surfaces[s].codec) expect(HELM_CODECS[p.surfaces[s].codec!], p.id).toBeDefined()
      for (const s of SURFACES) for (const other of [p.surfaces[s].sameAs, p.surfaces[s].defaultFrom]) if (other) expect(ids.has(other), p.id).toBe(true)
    }
  })

  it('has Terraform declare every secret parameter sensitive', () => {
    for (const p of map.parameters) {
      const name = p.surfaces.terraform.name
      if (name && p.secret) expect(upstream.terraform[name]?.sensitive, name).toBe(true)
    }
  })
})

describe('every name regcfg emits is one the registry reads (upstream 8c5b834b)', () => {
  /** The compose services (the map's `reads` uses their names) that get the variable. */
  const passedTo = (name: string): string[] =>
    Object.entries(upstream.compose).flatMap(([svc, vars]) => (Object.values(vars).some((e) => e.from === name) ? [svc] : []))

  it('.env names are passed by docker-compose.yml to a container that reads them (else the map says absent)', () => {
    for (const p of map.parameters) {
      const n = p.surfaces.env.name
      if (!n) continue
      const to = passedTo(n)
      expect(p.reads, `${p.id}: reads`).toBeDefined()
      const readers = readersOf(p).map((r) => r.container)
      expect(to.filter((c) => readers.includes(c)), `${p.id}: ${n} reaches ${to.join(', ') || 'no container'}, reads ${p.reads!.join(', ')}`).not.toEqual([])
    }
  })

  it('every ${VAR:?} of docker-compose.yml is a parameter required on env', () => {
    const required = new Set(Object.values(upstream.compose).flatMap((vars) => Object.values(vars).filter((e) => e.required).map((e) => e.from!)))
    expect(required.size).toBeGreaterThan(3)
    for (const name of required) {
      const p = map.parameters.find((q) => q.surfaces.env.name === name)
      expect(p?.requiredOn, `${name}`).toContain('env')
    }
  })

  it('every Terraform variable without a default is a parameter required on terraform', () => {
    const noDefault = Object.entries(upstream.terraform).filter(([, v]) => !v.hasDefault).map(([k]) => k)
    expect(noDefault.length).toBeGreaterThan(0)
    for (const name of noDefault) {
      const p = map.parameters.find((q) => bindingNames(q.surfaces.terraform).includes(name))
      expect(p?.requiredOn, name).toContain('terraform')
    }
  })

  it('Terraform names are declared variables of the declared type', () => {
    const tfType: Record<string, string> = { string: 'string', url: 'string', enum: 'string', list: 'string', boolean: 'bool', integer: 'number', number: 'number' }
    for (const p of map.parameters) {
      const b = p.surfaces.terraform
      for (const n of bindingNames(b)) expect(upstream.terraform[n], `${p.id}: ${n}`).toBeDefined()
      if (b.name) expect(upstream.terraform[b.name]!.type, `${p.id}: ${b.name}`).toBe(tfType[p.type])
    }
  })

  const inChart = (chart: string, path: string) => upstream.helm[chart]?.includes(path) ?? false
  const inStack = (path: string): boolean => {
    if (upstream.helm.stack!.includes(path)) return true
    const [head, ...rest] = path.split('.')
    const sub = rest.join('.')
    if (head !== 'stack' && upstream.helm[head!]) return inChart(head!, sub)
    if (head === 'global') return inChart('auth-server', path) || inChart('registry', path)
    return false
  }

  it('standalone auth-server chart paths exist in its values.yaml or templates', () => {
    for (const p of map.parameters) for (const n of bindingNames(p.surfaces.helm)) expect(inChart('auth-server', n), `${p.id}: ${n}`).toBe(true)
    for (const n of SECRET_DELIVERY.helm) expect(inChart('auth-server', n), n).toBe(true)
  })

  it('stack chart paths exist in the stack or the subchart they belong to', () => {
    for (const p of map.parameters) for (const n of bindingNames(p.surfaces['helm-stack'])) expect(inStack(n), `${p.id}: ${n}`).toBe(true)
    for (const n of SECRET_DELIVERY['helm-stack']) expect(inStack(n), n).toBe(true)
  })

  it('a name that is not upstream fails the check (the check can fail)', () => {
    expect(upstream.env).not.toContain('COGNITO_REGION')
    expect(passedTo('SESSION_COOKIE_SECURE')).toEqual([])
    expect(upstream.terraform.auth_provider).toBeUndefined()
    expect(inStack('registry.cognito.m2mClientIds')).toBe(false)
  })
})
