import { Document } from 'yaml'
import { describe, expect, it } from 'vitest'
import { bindingNames, parameterMap, type ParameterDef } from '../../src/compiler/map.js'
import type { Surface } from '../../src/compiler/types.js'
import type { Finding } from '../../src/policy/types.js'
import { git, lintIn, literal, tempRepo, write } from './_fixtures.js'

/**
 * The corpus: every secret parameter of the map planted literally on every surface where it has a
 * name (must be found, RC5001), and the same names holding references (must not be found).
 * Generated from the map, so providers and parameters added later are covered without edits here.
 */
type Plant = { file: string; key: string; param: string }

const secrets = (): ParameterDef[] => parameterMap().parameters.filter((p) => p.secret)
const named = (p: ParameterDef, s: Surface): string[] => (p.surfaces[s].absent || p.surfaces[s].codec ? [] : bindingNames(p.surfaces[s]))

function envFile(values: (p: ParameterDef, i: number) => string, plants: Plant[], file: string): string {
  const lines = ['AUTH_PROVIDER=cognito']
  secrets().forEach((p, i) => named(p, 'env').forEach((k) => (lines.push(`${k}=${values(p, i)}`), plants.push({ file, key: k, param: p.id }))))
  return lines.join('\n') + '\n'
}

function tfvarsFile(values: (p: ParameterDef, i: number) => string, plants: Plant[], file: string): string {
  const lines = ['cognito_enabled = true']
  secrets().forEach((p, i) => named(p, 'terraform').forEach((k) => (lines.push(`${k} = ${JSON.stringify(values(p, i))}`), plants.push({ file, key: k, param: p.id }))))
  return lines.join('\n') + '\n'
}

function valuesFile(surface: 'helm' | 'helm-stack', values: (p: ParameterDef, i: number) => string, plants: Plant[], file: string): string {
  const doc = new Document({ global: { authProvider: { type: 'cognito' } } })
  secrets().forEach((p, i) => named(p, surface).forEach((k) => (doc.setIn(k.split('.'), values(p, i)), plants.push({ file, key: k, param: p.id }))))
  return doc.toString()
}

function specFile(values: (p: ParameterDef, i: number) => string, plants: Plant[], file: string): string {
  const doc = new Document({ version: 1, registry: { externalUrl: 'https://registry.example.com' }, auth: { provider: 'cognito' } })
  secrets().forEach((p, i) => (doc.setIn(p.id.split('.'), values(p, i)), plants.push({ file, key: p.id, param: p.id })))
  return doc.toString()
}

function corpus(dir: string, values: (p: ParameterDef, i: number) => string): Plant[] {
  const plants: Plant[] = []
  write(dir, {
    '.env': envFile(values, plants, `${dir}/.env`),
    'terraform.tfvars': tfvarsFile(values, plants, `${dir}/terraform.tfvars`),
    'helm/values.yaml': valuesFile('helm', values, plants, `${dir}/helm/values.yaml`),
    'helm-stack/values.yaml': valuesFile('helm-stack', values, plants, `${dir}/helm-stack/values.yaml`),
    'spec.yaml': specFile(values, plants, `${dir}/spec.yaml`),
  })
  return plants.map((p) => ({ ...p, file: p.file.slice(dir.length + 1) }))
}

const REFERENCES = ['', '${SECRET_FROM_ENV}', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:registry/app-AbCdEf', '{{ .Values.fromElsewhere }}', '********']

/** Placeholders in a deployment file: a warning (RC5002, RC5106 for the signing key) naming the parameter, never a leaked-secret error. */
const PLACEHOLDERS = ['<set in secrets.auto.tfvars>', 'CHANGE-ME-SET-STRONG-PASSWORD', 'your_cognito_client_secret_here', 'changeme', 'xxxxxxxxxxxx', 'REPLACE_ME']

export const summary: string[] = []

describe('secret corpus (generated from the parameter map)', () => {
  it('finds every literal secret on every surface, and no reference', async () => {
    const repo = tempRepo()
    const plants = corpus(`${repo}/literal`, (_p, i) => literal(i))
    const refs = corpus(`${repo}/refs`, (_p, i) => REFERENCES[i % REFERENCES.length]!)
    git(repo, 'add', '.')
    const { result } = await lintIn(repo)
    const inLiteral = result.findings.filter((f) => f.path.startsWith('literal/'))
    const found = plants.filter((p) => inLiteral.some((f) => isHit(f, 'literal/' + p.file, p.param)))
    const extra = inLiteral.filter((f) => !plants.some((p) => isHit(f, 'literal/' + p.file, p.param)))
    const falsePositives = result.findings.filter((f) => f.path.startsWith('refs/'))
    console.log(`regcfg lint corpus: recall ${found.length}/${plants.length} literal secrets (${new Set(plants.map((p) => p.param)).size} secret parameters × surfaces), ${falsePositives.length} false positives on ${refs.length} references, ${extra.length} unexpected findings`)
    expect(plants.length).toBeGreaterThan(10)
    expect(found).toEqual(plants)
    expect(extra).toEqual([])
    expect(falsePositives).toEqual([])
    expect(inLiteral.every((f) => f.severity === 'error' && f.gitState === 'tracked')).toBe(true)
    for (const i of plants.keys()) expect(JSON.stringify(result)).not.toContain(literal(i))
  })

  it('reports every placeholder on every surface as a placeholder, naming its parameter, and never as a secret', async () => {
    const repo = tempRepo()
    const plants = corpus(`${repo}/ph`, (_p, i) => PLACEHOLDERS[i % PLACEHOLDERS.length]!)
    git(repo, 'add', '.')
    const { result } = await lintIn(repo)
    const found = plants.filter((p) => result.findings.some((f) => f.path === 'ph/' + p.file && f.subject === p.param && (f.rule === 'RC5002' || f.rule === 'RC5106')))
    expect(found).toEqual(plants)
    expect(result.findings.filter((f) => f.rule !== 'RC5002' && f.rule !== 'RC5106')).toEqual([])
    expect(result.findings.filter((f) => f.rule === 'RC5002').every((f) => f.severity === 'warning' && /placeholder/.test(f.message))).toBe(true)
  })
})

const isHit = (f: Finding, path: string, param: string): boolean => f.path === path && f.rule === 'RC5001' && f.subject === param
