import { Document, visit } from 'yaml'
import { cognitoDerivedDomain, cognitoRegionOf } from './derive.js'
import { containerName, effectiveOnSurface, parameterMap, type ParameterDef } from './map.js'
import { isSecretRef, type CanonicalParams, type ParamValue, type SecretRef, type Surface } from './types.js'

export interface ImportNote {
  kind: 'secret-moved' | 'unknown-key' | 'not-carried'
  message: string
}

/**
 * Canonical parameters read from deployment files → the spec that compiles to them. Secret values
 * are never copied: each becomes a reference to the environment variable the containers read.
 */
export function paramsToSpec(params: CanonicalParams, surface: Surface): { spec: Record<string, unknown>; notes: ImportNote[] } {
  const spec: Record<string, unknown> = { version: 1, registry: {}, auth: {} }
  const notes: ImportNote[] = []
  for (const p of parameterMap().parameters) {
    const v = params.get(p.id) ?? implied(p, params, surface) ?? outOfBand(p, params, surface, notes)
    if (v === undefined || p.spec === false || isDerivedDefault(p, v, params)) continue
    setIn(spec, p.id.split('.'), p.secret ? referenceFor(p, v, surface, notes) : v)
  }
  return { spec, notes }
}

const sectionPresent = (p: ParameterDef, params: CanonicalParams): boolean =>
  !p.provider || parameterMap().parameters.some((q) => q.provider === p.provider && q.spec !== false && params.has(q.id))

/** A value the surface hard-codes or takes from another parameter (the map's fixed/sameAs). */
function implied(p: ParameterDef, params: CanonicalParams, surface: Surface): ParamValue | undefined {
  if (!sectionPresent(p, params)) return undefined
  return effectiveOnSurface(p, surface, params) as ParamValue | undefined
}

/** A required secret the surface delivers outside its files (Terraform: TF_VAR_/Secrets Manager). */
function outOfBand(p: ParameterDef, params: CanonicalParams, surface: Surface, notes: ImportNote[]): SecretRef | undefined {
  if (!p.secret || !p.required || !p.provider || !sectionPresent(p, params)) return undefined
  const env = containerName(p)!
  notes.push({ kind: 'not-carried', message: `${p.id}: the ${surface} files do not hold this secret; the spec reads it from environment variable ${env}` })
  return { env }
}

/** A value the compiler would derive anyway is left out of the spec. */
function isDerivedDefault(p: ParameterDef, v: ParamValue, params: CanonicalParams): boolean {
  if (p.id === 'auth.serverExternalUrl') return v === params.get('registry.externalUrl')
  if (p.id === 'auth.cognito.region') return v === cognitoRegionOf(String(params.get('auth.cognito.userPoolId') ?? ''))
  if (p.id === 'auth.cognito.domain') return v === cognitoDerivedDomain(String(params.get('auth.cognito.userPoolId') ?? ''))
  return p.emit === 'always' && v === p.default
}

function referenceFor(p: ParameterDef, v: ParamValue, surface: Surface, notes: ImportNote[]): SecretRef {
  if (isSecretRef(v) && !('value' in v)) return v
  const env = containerName(p) ?? p.id.replace(/\W/g, '_').toUpperCase()
  notes.push({ kind: 'secret-moved', message: `${p.id}: the ${surface} files hold its value; the spec now reads it from environment variable ${env} (the value was not copied)` })
  return { env }
}

function setIn(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>
  node[path.at(-1)!] = value
}

/** The spec as YAML text, with secret references in flow style like the examples. */
export function renderSpec(spec: Record<string, unknown>, header: string): string {
  const doc = new Document(spec)
  visit(doc, {
    Map(_, node) {
      if (isSecretRef(node.toJSON())) node.flow = true
    },
  })
  doc.commentBefore = header.split('\n').map((l) => ' ' + l).join('\n')
  return doc.toString({ lineWidth: 0 })
}
