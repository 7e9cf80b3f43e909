import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import compiledValidator from './_spec-validator.generated.mjs'
import { diag } from './diagnostics.js'
import { rangeOf, pointerSegments } from './locate.js'
import { parameterMap, type ParameterDef } from './map.js'
import type { SourceDoc } from './load.js'
import type { Diagnostic, Surface } from './types.js'
import { closest } from './_strings.js'

/** A spec that passed schema validation. Only `validate()` makes one. */
export type Spec = { readonly __validated: true } & SpecData

export interface SpecData {
  version?: 1
  registry: Record<string, unknown>
  auth: Record<string, unknown> & { provider?: string }
  deploy?: { surfaces?: Surface[]; helm?: { envSecretName?: string } }
}

/** The spec schema, compiled ahead of time by tools/gen-schema.mjs (ajv standalone). */
const validator = (): ValidateFunction => compiledValidator as unknown as ValidateFunction

/** Schema validation with every error reported at its spec position. */
export function validate(source: SourceDoc): { spec?: Spec; diagnostics: Diagnostic[] } {
  const data = source.data
  const check = validator()
  if (check(data)) return { spec: data as Spec, diagnostics: [] }
  const diagnostics = toDiagnostics(check.errors ?? [], source, data)
  return { diagnostics }
}

const secretParams = (): Map<string, ParameterDef> =>
  new Map(parameterMap().parameters.filter((p) => p.secret).map((p) => ['/' + p.id.split('.').join('/'), p]))

function toDiagnostics(errors: ErrorObject[], source: SourceDoc, data: unknown): Diagnostic[] {
  const secrets = secretParams()
  const out: Diagnostic[] = []
  const seen = new Set<string>()
  for (const e of errors) {
    const secret = secretUnder(e.instancePath, secrets)
    const d = secret ? secretDiagnostic(secret, e, source, data) : plainDiagnostic(e, source)
    if (!d) continue
    const key = `${d.code}|${d.pointer}|${d.message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(d)
  }
  return out
}

function secretUnder(instancePath: string, secrets: Map<string, ParameterDef>): [string, ParameterDef] | undefined {
  for (const [pointer, p] of secrets) if (instancePath === pointer || instancePath.startsWith(pointer + '/')) return [pointer, p]
  return undefined
}

function valueAt(data: unknown, pointer: string): unknown {
  return pointerSegments(pointer).reduce<unknown>((v, s) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined), data)
}

/** A secret gets one diagnostic, however many oneOf branches ajv tried. */
function secretDiagnostic([pointer, p]: [string, ParameterDef], e: ErrorObject, source: SourceDoc, data: unknown): Diagnostic {
  const at = { file: source.file, pointer, range: rangeOf(source, pointer) }
  const value = valueAt(data, pointer)
  if (typeof value !== 'object' || value === null) return diag('RC2004', at, { param: p.id })
  if (e.keyword === 'pattern' || e.keyword === 'minLength') return plainDiagnostic(e, source)!
  return diag('RC2001', at, { message: `${p.id} must be exactly one reference`, hint: 'Write one of: { env: NAME }, { file: PATH }, { awsSecretsManager: ARN }, { kubernetesSecret: { name: NAME, key: KEY } }.' })
}

function plainDiagnostic(e: ErrorObject, source: SourceDoc): Diagnostic | undefined {
  const file = source.file
  const pointer = e.instancePath
  switch (e.keyword) {
    case 'if': return undefined // the failing `then` branch reports its own errors
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty)
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {})
      const near = closest(key, allowed)
      const hint = near ? `Did you mean "${near}"?` : `Allowed here: ${allowed.join(', ') || 'nothing'}.`
      return diag('RC2002', { file, pointer: `${pointer}/${key}`, range: rangeOf(source, pointer, key) }, { key, hint })
    }
    case 'required': {
      const key = String(e.params.missingProperty)
      return diag('RC2003', { file, pointer: `${pointer}/${key}`, range: rangeOf(source, pointer) }, { key })
    }
    default:
      return diag('RC2001', { file, pointer, range: rangeOf(source, pointer) }, { message: `${pointer || 'spec'} ${e.message ?? 'is invalid'}`, hint: hintFor(e) })
  }
}

function hintFor(e: ErrorObject): string {
  const schema = e.parentSchema as { description?: string; enum?: unknown[] } | undefined
  if (e.keyword === 'enum') return `Allowed values: ${(e.params.allowedValues as unknown[]).join(', ')}.`
  if (e.keyword === 'pattern' && schema?.description) return `${schema.description}`
  if (e.keyword === 'type') return `Expected ${String(e.params.type)}${schema?.description ? `: ${schema.description}` : '.'}`
  return schema?.description ?? 'See schema/registry.schema.json.'
}
