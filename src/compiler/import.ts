import { Document, visit } from 'yaml'
import { cognitoDerivedDomain, cognitoRegionOf } from './derive.js'
import { bindingNames, containerName, effectiveOnSurface, parameterById, parameterMap, providers, type ParameterDef } from './map.js'
import { isSecretRef, type CanonicalParams, type Diagnostic, type ParameterId, type ParamValue, type SecretRef, type Surface } from './types.js'

export interface ImportNote {
  kind: 'secret-moved' | 'unknown-key' | 'not-carried' | 'empty-unset' | 'surface-default' | 'inactive-provider' | 'required-missing'
  /** What happened and what to do; the file and line are in file/line. */
  message: string
  /** The parameter the note is about (absent for a key that names none). */
  id?: ParameterId
  /** The key in the deployment file, and where. */
  key?: string
  file?: string
  line?: number
}

export interface Imported {
  spec: Record<string, unknown>
  notes: ImportNote[]
  /** The surface parser's own diagnostics (syntax, a value not of the parameter's type). */
  diagnostics: Diagnostic[]
}

/** What a surface's parser reads from its files (a target's ParseResult adds its own facts). */
export interface ParsedFiles {
  params: CanonicalParams
  diagnostics: Diagnostic[]
  /** Keys in the files that the parameter map does not know, with their file and line. */
  unknown: { file: string; key: string; line?: number }[]
  /** Parameters whose key is there with an empty value their type cannot hold: read as unset (targets/_values.ts isEmptyOfType). */
  empty?: { id: ParameterId; file: string; key: string; line?: number }[]
}

/**
 * What one surface's parser read from its deployment files → the spec that compiles to them, with a
 * note for everything the spec does not hold as the files hold it: nothing is dropped silently.
 * `mainFile` is the surface's main file, where a note on an empty key points.
 */
export function specOfParsed(parsed: ParsedFiles, surface: Surface, mainFile: string): Imported {
  const notes: ImportNote[] = []
  for (const e of parsed.empty ?? []) notes.push(emptyNote(e.id, e.key, e.file, e.line))
  const params = withoutInactiveProviders(withoutEmpty(parsed.params, surface, mainFile, notes), surface, notes)
  const spec = paramsToSpec(params, surface)
  notes.push(...spec.notes)
  for (const u of parsed.unknown) notes.push(unknownNote(u, surface))
  return { spec: spec.spec, notes, diagnostics: parsed.diagnostics }
}

/**
 * A key no binding of the surface names: unknown, or the variable of a parameter that this surface
 * does not deliver (a .env line docker-compose.yml passes to no container), which the spec then does
 * not claim either.
 */
function unknownNote(u: { file: string; key: string; line?: number }, surface: Surface): ImportNote {
  const p = parameterMap().parameters.find((q) => q.surfaces[surface].absent && containerName(q) === u.key)
  const message = p ? `${u.key} is ${p.id}, which ${surface} does not deliver (${p.surfaces[surface].absent!.replace(/\.$/, '')}); it was not imported` : `${u.key} is not a parameter regcfg knows; it was not imported`
  return { kind: 'unknown-key', id: p?.id, key: u.key, file: u.file, line: u.line, message }
}

/** The parameter's key on the surface, for a note. */
const keyOf = (p: ParameterDef, surface: Surface): string => bindingNames(p.surfaces[surface]).join(' / ') || containerName(p) || p.id

function emptyNote(id: ParameterId, key: string, file?: string, line?: number): ImportNote {
  return { kind: 'empty-unset', id, key, file, line, message: `${key} is empty: read as unset (${id} is not in the spec; the deployment's own default applies)` }
}

/** An empty string or empty secret is the files' way of leaving a parameter unset. */
function withoutEmpty(params: CanonicalParams, surface: Surface, mainFile: string, notes: ImportNote[]): CanonicalParams {
  const out: CanonicalParams = new Map()
  for (const p of parameterMap().parameters) {
    const v = params.get(p.id)
    if (v === undefined) continue
    const empty = v === '' || (isSecretRef(v) && 'value' in v && v.value === '')
    if (!empty) out.set(p.id, v)
    else if (p.secret && p.requiredOn?.includes(surface) && containerName(p)) {
      // a slot the deployment cannot start without (SECRET_KEY= in .env.example): keep it, as a reference
      out.set(p.id, { env: containerName(p)! })
      notes.push({ kind: 'empty-unset', id: p.id, key: keyOf(p, surface), file: mainFile, message: `${keyOf(p, surface)} is empty, and the ${surface} deployment cannot start without it: the spec reads ${p.id} from environment variable ${containerName(p)}; set it before compiling` })
    } else notes.push(emptyNote(p.id, keyOf(p, surface), mainFile))
  }
  return out
}

/**
 * Provider sections the spec cannot take as the files hold them, reported instead: a login-only
 * provider (GitHub, Google; on exactly when its section is in the spec) that the files turn off with
 * <PROVIDER>_ENABLED=false, and a provider other than the active one whose required settings the
 * files leave out (a chart's values.yaml carries every provider's keys with their defaults).
 */
function withoutInactiveProviders(params: CanonicalParams, surface: Surface, notes: ImportNote[]): CanonicalParams {
  const why = new Map<string, string>()
  for (const p of parameterMap().parameters) if (p.derive === 'sectionPresent' && params.get(p.id) === false) why.set(p.provider!, `the files turn ${p.provider} off`)
  const active = activeProvider(params, surface)
  for (const provider of providers()) {
    const missing = parameterMap().parameters.filter((p) => p.provider === provider && p.required && !p.secret && p.spec !== false && !params.has(p.id) && effectiveOnSurface(p, surface, params) === undefined && p.surfaces[surface].default === undefined)
    if (provider !== active && missing.length > 0 && !why.has(provider)) why.set(provider, `${provider} is not the active provider and the files leave out its required ${missing.map((p) => p.id).join(', ')}`)
  }
  if (why.size === 0) return params
  const out: CanonicalParams = new Map()
  for (const p of parameterMap().parameters) {
    const v = params.get(p.id)
    if (v === undefined) continue
    if (!p.provider || !why.has(p.provider)) out.set(p.id, v)
    else notes.push({ kind: 'inactive-provider', id: p.id, key: keyOf(p, surface), message: `${keyOf(p, surface)}: ${why.get(p.provider)}; its settings were not imported (write an auth.${p.provider} section to configure it)` })
  }
  return out
}

/** The provider the files select, or the one the surface's deployment selects when they are silent. */
function activeProvider(params: CanonicalParams, surface: Surface): string {
  const p = parameterById('auth.provider')!
  return String(params.get(p.id) ?? p.surfaces[surface].default ?? p.default)
}

/**
 * Canonical parameters read from deployment files → the spec that compiles to them. Secret values
 * are never copied: each becomes a reference to the environment variable the containers read.
 */
export function paramsToSpec(params: CanonicalParams, surface: Surface): { spec: Record<string, unknown>; notes: ImportNote[] } {
  const spec: Record<string, unknown> = { version: 1, registry: {}, auth: {} }
  const notes: ImportNote[] = []
  const known: CanonicalParams = new Map(params)
  for (const p of parameterMap().parameters) {
    const v = known.get(p.id) ?? implied(p, known, surface) ?? surfaceDefault(p, known, surface, notes) ?? outOfBand(p, known, surface, notes)
    if (v === undefined) continue
    known.set(p.id, v)
    if (p.spec === false || isDerivedDefault(p, v, known)) continue
    setIn(spec, p.id.split('.'), p.secret ? referenceFor(p, v, surface, notes) : v)
  }
  for (const p of parameterMap().parameters) {
    if (p.requiredOn?.includes(surface) && !known.has(p.id)) notes.push({ kind: 'required-missing', id: p.id, key: keyOf(p, surface), message: `${keyOf(p, surface)} is not in the files and the ${surface} deployment cannot start without it: add ${p.id} to the spec before compiling` })
  }
  return { spec, notes }
}

/**
 * A parameter compile always writes (required, or emitted always) that the files leave out means
 * what the surface's own deployment uses without it: Compose's ${REGISTRY_URL:-http://localhost},
 * ${AUTH_SERVER_EXTERNAL_URL:-http://localhost:8888}. The spec says so explicitly.
 */
function surfaceDefault(p: ParameterDef, params: CanonicalParams, surface: Surface, notes: ImportNote[]): ParamValue | undefined {
  const d = p.surfaces[surface].default
  if (d === undefined || p.secret || p.spec === false || !(p.required || p.emit === 'always') || !sectionPresent(p, params, surface)) return undefined
  if (JSON.stringify(d) === JSON.stringify(p.default) && p.derive === undefined) return undefined
  notes.push({ kind: 'surface-default', id: p.id, key: keyOf(p, surface), message: `${keyOf(p, surface)} is not in the files: the ${surface} deployment uses its own default ${JSON.stringify(d)}, which the spec now states (${p.id})` })
  return d
}

/** The spec has the parameter's provider section: the active provider's always (the spec requires it), another's when the files configure it. */
const sectionPresent = (p: ParameterDef, params: CanonicalParams, surface: Surface): boolean =>
  !p.provider || p.provider === activeProvider(params, surface) || parameterMap().parameters.some((q) => q.provider === p.provider && q.spec !== false && params.has(q.id))

/** A value the surface hard-codes or takes from another parameter (the map's fixed/sameAs/defaultFrom). */
function implied(p: ParameterDef, params: CanonicalParams, surface: Surface): ParamValue | undefined {
  if (!sectionPresent(p, params, surface)) return undefined
  const from = p.surfaces[surface].defaultFrom
  return (effectiveOnSurface(p, surface, params) ?? (from ? params.get(from) : undefined)) as ParamValue | undefined
}

/**
 * A secret the spec needs that the files do not hold: one the surface delivers outside its files
 * (Terraform: TF_VAR_/Secrets Manager), or one regcfg's output for the surface cannot start without
 * (requiredOn: a chart generates SECRET_KEY when its values leave it out, but regcfg hands the pod
 * its whole environment in one Secret).
 */
function outOfBand(p: ParameterDef, params: CanonicalParams, surface: Surface, notes: ImportNote[]): SecretRef | undefined {
  const needed = (p.required && p.provider && sectionPresent(p, params, surface)) || p.requiredOn?.includes(surface)
  const env = containerName(p)
  if (!p.secret || !needed || !env) return undefined
  notes.push({ kind: 'not-carried', id: p.id, key: keyOf(p, surface), message: `${p.id}: the ${surface} files do not hold this secret; the spec reads it from environment variable ${env}` })
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
  notes.push({ kind: 'secret-moved', id: p.id, key: keyOf(p, surface), message: `${p.id}: the ${surface} files hold its value; the spec now reads it from environment variable ${env} (the value was not copied)` })
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
