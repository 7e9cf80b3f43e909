/**
 * The registry's Terraform configuration → an outputs-only configuration that the real terraform
 * evaluates without provider plugins: the root's variables, the root → module wiring (the module
 * call's arguments, the locals they use), and as outputs the wanted containers' `environment` and
 * `secrets` lists as the module writes them (render-containers.ts finds them), whether their block's
 * `count` lets them exist, and the values of the Secrets Manager secrets and SSM parameters they
 * name. Found by HCL parsing (`@cdktf/hcl2json`), never evaluated here: every value is the module's
 * own expression, handed to terraform as `.tf.json`.
 *
 * What only a real deployment has (a data source, a resource attribute, another module's output)
 * becomes a named placeholder string `<address>`. Only what the outputs need is lifted.
 */
import { asTemplate, isSingleInterpolation, parseTemplate, quoted, rewrite, traversals, type ParsedTemplate, type Replacement, type Traversal, hcl2json } from './hcl-expr.js'
import { findContainers, isObj, jsonEntryDeps, templateEntryDeps, type ContainerBlock, type EntryDeps, type FoundContainer, type Json, type ListSource, type Obj } from './render-containers.js'
import { closure, type ContainerMeta, type Dep, type PlaceholderMeta, type RenderMeta, type RootVarMeta, type SecretMeta } from './render-meta.js'

export const ASSEMBLY_VERSION = 5
/** The root local that holds everything a render reads, by output name (`terraform console` reads locals, not outputs). */
export const RENDER_LOCAL = 'regcfg_render'

export interface SourceFile {
  /** Relative to the registry checkout, e.g. `terraform/aws-ecs/main.tf`. */
  path: string
  text: string
}

export interface AssembleInput {
  /** The root module's folder relative to the checkout (`terraform/aws-ecs`). */
  rootDir: string
  /** The checkout's absolute path (for `path.module`, which `file()` and `templatefile()` read from). */
  registryDir: string
  /** Every `.tf` file under rootDir (the root's and its local modules'). */
  files: SourceFile[]
  /** Canonical container key → the container's name in the module. */
  containers: Record<string, string>
}

export interface Assembly {
  /** Relative path in the work folder → content. */
  files: Record<string, string>
  meta: RenderMeta
}

type Parsed = { path: string; json: Obj }

const IGNORED_META_ARGS = new Set(['source', 'version', 'providers', 'depends_on', 'count', 'for_each'])
const AWS_REGION_SUBST = 'data.aws_region'
const REGION = 'regcfg_aws_region'

const dirOf = (p: string): string => p.slice(0, p.lastIndexOf('/'))
const joinPath = (dir: string, rel: string): string => {
  const out: string[] = dir.split('/')
  for (const seg of rel.split('/')) {
    if (seg === '..') out.pop()
    else if (seg !== '.' && seg !== '') out.push(seg)
  }
  return out.join('/')
}
const first = (v: Json | undefined): Obj | undefined => (Array.isArray(v) ? (v.find(isObj) as Obj | undefined) : isObj(v) ? v : undefined)
const hasTemplate = (s: string): boolean => /(?<!\$)\$\{|(?<!%)%\{/.test(s)
/** `${string}` → `string`: a variable's type in `.tf.json` is the bare type expression. */
const typeExpr = (t: Json | undefined): string => (typeof t === 'string' ? t.replace(/^\$\{([\s\S]*)\}$/, '$1') : 'any')

/** One module's blocks, merged over its files. */
class ScopeSource {
  readonly variables = new Map<string, { decl: Obj; file: string }>()
  readonly locals = new Map<string, Json>()
  readonly blocks: ContainerBlock[] = []
  readonly secretVersions: { name: string; body: Obj; file: string }[] = []
  /** `aws_ssm_parameter` resources by name: a container's `valueFrom` may name one. */
  readonly ssmParameters = new Map<string, { body: Obj; file: string }>()
  region?: string

  constructor(readonly address: string, readonly dir: string, parsed: Parsed[]) {
    for (const { path, json } of parsed) {
      for (const [name, decl] of Object.entries(json.variable ?? {})) {
        const d = first(decl)
        if (d) this.variables.set(name, { decl: d, file: path })
      }
      for (const block of (Array.isArray(json.locals) ? json.locals : [json.locals]).filter(isObj)) for (const [k, v] of Object.entries(block)) this.locals.set(k, v)
      for (const [name, body] of Object.entries(json.module ?? {})) {
        const b = first(body)
        if (b) this.blocks.push({ kind: 'module', type: 'module', name, body: b, file: path })
      }
      for (const [type, byName] of Object.entries(json.resource ?? {})) {
        for (const [name, body] of Object.entries(isObj(byName) ? byName : {})) {
          const b = first(body)
          if (!b) continue
          this.blocks.push({ kind: 'resource', type, name, body: b, file: path })
          if (type === 'aws_secretsmanager_secret_version') this.secretVersions.push({ name, body: b, file: path })
          if (type === 'aws_ssm_parameter') this.ssmParameters.set(name, { body: b, file: path })
        }
      }
      const aws = isObj(json.provider) ? json.provider.aws : undefined
      for (const p of Array.isArray(aws) ? aws : [aws]) if (isObj(p) && p.alias === undefined && typeof p.region === 'string') this.region = p.region
    }
  }
}

/** Lifts expressions of one scope: references to what terraform cannot evaluate here become placeholders. */
class Lifter {
  readonly neededVars = new Set<string>()
  readonly neededLocals = new Set<string>()

  constructor(
    readonly scope: ScopeSource,
    private readonly out: { placeholders: Record<string, PlaceholderMeta>; substitutions: RenderMeta['substitutions']; notes: string[] },
    private readonly absDir: string,
    private readonly absRoot: string,
    private readonly regionAvailable: boolean,
  ) {}

  /** The dep a traversal is, and what it is replaced by (undefined: left as it is). */
  private classify(t: Traversal): { dep?: Dep; text?: string } {
    const name = t.parts[0]
    if (t.root === 'var' && name) {
      this.neededVars.add(name)
      return { dep: `var.${name}` }
    }
    if (t.root === 'local' && name) {
      this.neededLocals.add(name)
      return { dep: `local.${name}` }
    }
    if (t.root === 'path') return name === 'module' ? { text: quoted(this.absDir) } : name === 'root' ? { text: quoted(this.absRoot) } : {}
    if (['count', 'each', 'self', 'terraform'].includes(t.root)) return { dep: `@${t.root}` }
    if (t.root === 'data' && name === 'aws_region' && this.regionAvailable) {
      this.out.substitutions[AWS_REGION_SUBST] = {
        what: 'data.aws_region.* (the aws provider\'s region)',
        why: 'a data source needs the aws provider plugin; the render uses the region the root\'s provider "aws" block configures',
      }
      if (this.scope.address === '') {
        this.neededLocals.add(REGION)
        return { dep: `local.${REGION}`, text: `local.${REGION}` }
      }
      this.neededVars.add(REGION)
      return { dep: `var.${REGION}`, text: `var.${REGION}` }
    }
    return this.placeholder(t)
  }

  private placeholder(t: Traversal): { dep: Dep; text: string } {
    const prefix = this.scope.address ? `${this.scope.address}.` : ''
    const address = prefix + t.source.replace(/\s+/g, '')
    const token = `<${address}>`
    if (!this.out.placeholders[token]) {
      const isData = t.root === 'data'
      const type = isData ? `data.${t.parts[0] ?? ''}` : t.root
      const name = (isData ? t.parts[1] : t.parts[0]) ?? ''
      this.out.placeholders[token] = { address, scope: this.scope.address, type, name, why: whyPlaceholder(type) }
    }
    return { dep: token, text: quoted(token) }
  }

  /** A template string: its rewritten text and what it references. */
  async template(s: string, where: string): Promise<{ text: string; deps: Dep[]; parsed?: ParsedTemplate; byStart?: Map<number, Dep> }> {
    if (!hasTemplate(s)) return { text: s, deps: [] }
    let parsed: ParsedTemplate
    try {
      parsed = await parseTemplate(s)
    } catch (e) {
      const token = `<${this.scope.address ? this.scope.address + '.' : ''}${where}>`
      this.out.placeholders[token] = { address: where, scope: this.scope.address, type: 'expression', name: where, why: `hcl2json could not parse the expression (${String(e instanceof Error ? e.message : e).slice(0, 200)})` }
      this.out.notes.push(`${where}: not lifted (${String(e instanceof Error ? e.message : e).slice(0, 200)})`)
      return { text: token, deps: [token] }
    }
    const reps: Replacement[] = []
    const deps: Dep[] = []
    const byStart = new Map<number, Dep>()
    for (const t of traversals(parsed)) {
      const c = this.classify(t)
      if (c.dep) {
        deps.push(c.dep)
        byStart.set(t.start, c.dep)
      }
      if (c.text !== undefined) reps.push({ start: t.start, end: t.end, text: c.text })
    }
    return { text: rewrite(parsed, reps), deps: [...new Set(deps)], parsed, byStart }
  }

  /** Any JSON value hcl2json gives (literal objects are JSON objects whose leaves are templates). */
  async value(v: Json, where: string): Promise<{ value: Json; deps: Dep[] }> {
    if (typeof v === 'string') {
      const r = await this.template(v, where)
      return { value: r.text, deps: r.deps }
    }
    if (Array.isArray(v)) {
      const parts = await Promise.all(v.map((x, i) => this.value(x, `${where}[${i}]`)))
      return { value: parts.map((p) => p.value), deps: [...new Set(parts.flatMap((p) => p.deps))] }
    }
    if (isObj(v)) {
      const out: Obj = {}
      const deps: Dep[] = []
      for (const [k, x] of Object.entries(v)) {
        const r = await this.value(x, `${where}.${k}`)
        out[k] = r.value
        deps.push(...r.deps)
      }
      return { value: out, deps: [...new Set(deps)] }
    }
    return { value: v, deps: [] }
  }

  /** A container's `environment`/`secrets` list lifted, with what each literal-named entry's `field` references. */
  async list(src: ListSource | undefined, field: 'value' | 'valueFrom', where: string): Promise<{ value: Json; deps: EntryDeps }> {
    if (!src) return { value: [], deps: { entries: {}, rest: [] } }
    const template = 'native' in src ? asTemplate(src.native) : typeof src.json === 'string' ? src.json : undefined
    if (template !== undefined) {
      const t = await this.template(template, where)
      return { value: t.text, deps: templateEntryDeps(t.parsed, t.byStart, field) }
    }
    const json = (src as { json: Json }).json
    if (!Array.isArray(json)) {
      const r = await this.value(json, where)
      return { value: r.value, deps: { entries: {}, rest: r.deps } }
    }
    const parts = await Promise.all(
      json.map(async (e, i) => {
        const at = `${where}[${i}]`
        if (!isObj(e)) {
          const r = await this.value(e, at)
          return { value: r.value, field: r.deps, other: [] as Dep[] }
        }
        const value: Obj = {}
        const deps = { field: [] as Dep[], other: [] as Dep[] }
        for (const [k, x] of Object.entries(e)) {
          const r = await this.value(x, `${at}.${k}`)
          value[k] = r.value
          ;(k === field ? deps.field : deps.other).push(...r.deps)
        }
        return { value: value as Json, ...deps }
      }),
    )
    return { value: parts.map((p) => p.value), deps: jsonEntryDeps(json, parts) }
  }
}

function whyPlaceholder(type: string): string {
  if (type === 'random_password' || type === 'random_string') return 'generated by the random provider at apply; only a real deployment has the value'
  if (type === 'aws_secretsmanager_secret') return 'a Secrets Manager secret the module creates; its ARN exists only after apply'
  if (type.startsWith('data.')) return 'a data source read through the aws provider; the render runs no provider plugins'
  if (type === 'module') return 'an output of a module the render does not evaluate (it creates AWS resources)'
  return 'a resource attribute known only after a real apply'
}

/** The text of `variable "name"` in its file, for a diagnostic's position. */
function declLine(text: string, name: string): number {
  const i = text.search(new RegExp(`^[ \\t]*variable[ \\t]+"${name.replace(/[^\w-]/g, '')}"`, 'm'))
  return i < 0 ? 1 : text.slice(0, i).split('\n').length
}

/** One scope of the assembly: what it lifted so far. */
interface ScopeState {
  src: ScopeSource
  /** The root's `module` block that calls it (none for the root). */
  call?: ScopeSource['blocks'][number]
  lifter: Lifter
  locals: Record<string, Json>
  localDeps: Record<string, Dep[]>
  /** Variable declarations (the root: all; a module: those the lifted expressions use). */
  vars: Record<string, Obj>
  /** A module's call arguments for those variables, and what they reference in the root. */
  args: Record<string, Json>
  argDeps: Record<string, Dep[]>
  outputs: Record<string, Json>
}

export async function assemble(input: AssembleInput): Promise<Assembly> {
  return new Assembler(input).run()
}

class Assembler {
  private readonly out = { placeholders: {} as Record<string, PlaceholderMeta>, substitutions: {} as RenderMeta['substitutions'], notes: [] as string[] }
  private readonly scopes: ScopeState[] = []
  private readonly containers: ContainerMeta[] = []
  private readonly secrets: SecretMeta[] = []
  private root!: ScopeSource

  constructor(private readonly input: AssembleInput) {}

  async run(): Promise<Assembly> {
    const h = await hcl2json()
    const parsed: Parsed[] = []
    for (const f of this.input.files) parsed.push({ path: f.path, json: (await h.parse(f.path, f.text)) as Obj })
    const inDir = (dir: string) => parsed.filter((p) => dirOf(p.path) === dir)
    this.root = new ScopeSource('', this.input.rootDir, inDir(this.input.rootDir))
    this.scopes.push(this.state(this.root))
    // the root's local module calls, each a scope
    for (const call of this.root.blocks.filter((b) => b.kind === 'module' && typeof b.body.source === 'string' && /^\.\.?\//.test(b.body.source as string))) {
      const dir = joinPath(this.input.rootDir, call.body.source as string)
      this.scopes.push(this.state(new ScopeSource(`module.${call.name}`, dir, inDir(dir)), call))
    }
    const rootState = this.scopes[0]!
    for (const [name, { decl }] of this.root.variables) rootState.vars[name] = await liftVariable(rootState.lifter, name, decl)

    for (const s of this.scopes) await this.liftContainers(s)
    for (const key of Object.keys(this.input.containers)) if (!this.containers.some((c) => c.key === key)) this.out.notes.push(`no container "${this.input.containers[key]}" with environment or secrets found in ${this.input.rootDir}`)
    await this.settle()
    await this.liftSecrets()
    await this.settle()
    return { files: this.files(), meta: this.meta() }
  }

  private state(src: ScopeSource, call?: ScopeState['call']): ScopeState {
    const lifter = new Lifter(src, this.out, this.abs(src.dir), this.abs(this.input.rootDir), this.root.region !== undefined)
    return { src, ...(call ? { call } : {}), lifter, locals: {}, localDeps: {}, vars: {}, args: {}, argDeps: {}, outputs: {} }
  }

  private abs(rel: string): string {
    return `${this.input.registryDir.replace(/\/$/, '')}/${rel}`
  }

  /** The containers' `environment`/`secrets` lists as one output per container (and whether its block's `count` lets it exist). */
  private async liftContainers(s: ScopeState): Promise<void> {
    for (const f of await findContainers(s.src.blocks, this.input.containers)) {
      const where = `${f.block}.container_definitions["${f.name}"]`
      const env = await s.lifter.list(f.environment, 'value', `${where}.environment`)
      const sec = await s.lifter.list(f.secrets, 'valueFrom', `${where}.secrets`)
      const present = f.count === undefined ? undefined : await this.present(s, f)
      const output = `regcfg_container_${f.key.replace(/[^\w]/g, '_')}`
      const rest = [...new Set([...env.deps.rest, ...sec.deps.rest])]
      this.containers.push({ key: f.key, name: f.name, scope: s.src.address, source: `${f.block} in ${f.file}`, output, env: env.deps.entries, secrets: sec.deps.entries, rest })
      s.outputs[output] = { environment: env.value, secrets: sec.value, ...(present ? { present: present.value } : {}) }
    }
  }

  /** `count` of a container's block as `count != 0` (terraform evaluates it); a form the render cannot wrap is noted and taken as present. */
  private async present(s: ScopeState, f: FoundContainer): Promise<{ value: Json; deps: Dep[] } | undefined> {
    if (typeof f.count === 'number') return { value: f.count !== 0, deps: [] }
    if (typeof f.count === 'string') {
      const r = await s.lifter.template(f.count, `${f.block}.count`)
      if (r.parsed && isSingleInterpolation(r.parsed)) return { value: `\${(${r.text.slice(2, -1)}) != 0}`, deps: r.deps }
    }
    this.out.notes.push(`${f.block}: count ${JSON.stringify(f.count)} not lifted; container "${f.name}" is rendered as if it existed`)
    return undefined
  }

  /** Lifts until nothing new is needed: locals, a module's variables (with their validations) and the call's arguments for them. */
  private async settle(): Promise<void> {
    const rootState = this.scopes[0]!
    for (let changed = true; changed; ) {
      changed = false
      for (const s of this.scopes) {
        for (const name of [...s.lifter.neededLocals]) {
          if (name in s.locals) continue
          changed = true
          await this.liftLocal(s, name)
        }
        if (!s.call) continue
        for (const name of [...s.lifter.neededVars]) {
          if (name in s.vars) continue
          changed = true
          if (name === REGION) {
            // data.aws_region in the module: the root passes its provider's region
            s.vars[name] = { type: 'string' }
            rootState.lifter.neededLocals.add(REGION)
            s.args[name] = `\${local.${REGION}}`
            s.argDeps[name] = [`local.${REGION}`]
            continue
          }
          const d = s.src.variables.get(name)
          if (!d) {
            this.out.notes.push(`var.${name} is not declared in ${s.src.dir}`)
            s.vars[name] = { type: 'any', default: null }
            continue
          }
          s.vars[name] = await liftVariable(s.lifter, name, d.decl)
          const a = s.call.body[name]
          if (a === undefined || IGNORED_META_ARGS.has(name)) continue
          const r = await rootState.lifter.value(a, `${s.src.address}.${name}`)
          s.args[name] = r.value
          s.argDeps[name] = r.deps
        }
      }
    }
  }

  private async liftLocal(s: ScopeState, name: string): Promise<void> {
    if (name === REGION && s.src.address === '') {
      const r = await s.lifter.template(this.root.region!, 'provider.aws.region')
      s.locals[name] = r.text
      s.localDeps[name] = [...r.deps, `subst:${AWS_REGION_SUBST}`]
      return
    }
    const v = s.src.locals.get(name)
    if (v === undefined) {
      this.out.notes.push(`local.${name} is not defined in ${s.src.dir}`)
      s.locals[name] = null
      s.localDeps[name] = []
      return
    }
    const r = await s.lifter.value(v, `local.${name}`)
    s.locals[name] = r.value
    s.localDeps[name] = r.deps
  }

  /**
   * The Secrets Manager secrets and SSM parameters the containers name (through module arguments
   * too) → the value each stores (a secret's version's secret_string, a parameter's value), as outputs.
   */
  private async liftSecrets(): Promise<void> {
    const wanted = new Map<string, { scope: string; store: SecretStore; name: string }>()
    const meta = this.meta()
    for (const c of this.containers) {
      for (const token of closure(meta, c.scope, [...Object.values(c.secrets).flat(), ...c.rest]).placeholders) {
        const p = this.out.placeholders[token]
        const store = p && STORES[p.type]
        if (p && store) wanted.set(`${p.scope}|${store}|${p.name}`, { scope: p.scope, store, name: p.name })
      }
    }
    for (const s of this.scopes) {
      for (const w of [...wanted.values()].filter((x) => x.scope === s.src.address)) {
        const held = await holderOf(s.src, w.store, w.name)
        if (!held) continue
        const where = `${held.address}.${held.attribute}`
        const r = await s.lifter.value(held.value, where)
        if (r.deps.some((d) => d.startsWith('@'))) {
          this.out.notes.push(`${where} uses count/each/self; not evaluated`)
          continue
        }
        const output = `regcfg_${w.store === 'ssm' ? 'ssm' : 'secret'}_${s.src.address ? s.src.address.replace(/\W/g, '_') + '_' : ''}${w.name}`
        s.outputs[output] = r.value
        const ignore = JSON.stringify(first(held.lifecycle)?.ignore_changes ?? '').includes(held.attribute)
        const address = `${s.src.address ? s.src.address + '.' : ''}${held.address}`
        this.secrets.push({ store: w.store, scope: s.src.address, secret: w.name, address, attribute: held.attribute, output, deps: r.deps, ignoreChanges: ignore })
      }
    }
  }

  /** The configuration: the root's variables, locals (with everything a render reads in one local) and module calls; each called module's variables, locals and outputs. */
  private files(): Record<string, string> {
    const files: Record<string, string> = {}
    const json = (o: unknown) => JSON.stringify(o, null, 1) + '\n'
    const render: Obj = {}
    const calls: Obj = {}
    for (const s of this.scopes) {
      for (const [name, value] of Object.entries(s.outputs)) render[name] = s.call ? `\${module.${s.call.name}.${name}}` : value
      if (!s.call || Object.keys(s.outputs).length === 0) continue
      const dir = `modules/${s.call.name}/`
      files[`${dir}variables.tf.json`] = json({ variable: s.vars })
      files[`${dir}locals.tf.json`] = json({ locals: s.locals })
      files[`${dir}outputs.tf.json`] = json({ output: Object.fromEntries(Object.entries(s.outputs).map(([n, value]) => [n, { value, sensitive: true }])) })
      calls[s.call.name] = { source: `./${dir.slice(0, -1)}`, ...s.args }
    }
    const root = this.scopes[0]!
    files['variables.tf.json'] = json({ variable: root.vars })
    files['locals.tf.json'] = json({ locals: { ...root.locals, [RENDER_LOCAL]: render } })
    files['main.tf.json'] = json(Object.keys(calls).length ? { module: calls } : {})
    return files
  }

  private meta(): RenderMeta {
    return {
      version: ASSEMBLY_VERSION,
      rootDir: this.input.rootDir,
      scopes: this.scopes.map((s) => ({ address: s.src.address, dir: s.src.dir, locals: s.localDeps, args: s.argDeps })),
      containers: this.containers,
      secrets: this.secrets,
      placeholders: this.out.placeholders,
      substitutions: this.out.substitutions,
      rootVars: rootVarMeta(this.root, this.input.files),
      notes: this.out.notes,
    }
  }
}

type SecretStore = SecretMeta['store']
/** The resource types a container's `valueFrom` names, by the store they are. */
const STORES: Record<string, SecretStore | undefined> = { aws_secretsmanager_secret: 'secretsmanager', aws_ssm_parameter: 'ssm' }

/** What holds the value a secret or parameter stores: its address in the scope, the attribute, its expression. */
interface Holder {
  address: string
  attribute: string
  value: Json
  lifecycle: Json | undefined
}

async function holderOf(src: ScopeSource, store: SecretStore, name: string): Promise<Holder | undefined> {
  if (store === 'ssm') {
    const p = src.ssmParameters.get(name)
    const attribute = p?.body.value !== undefined ? 'value' : 'insecure_value'
    const value = p?.body[attribute]
    return p && value !== undefined ? { address: `aws_ssm_parameter.${name}`, attribute, value, lifecycle: p.body.lifecycle } : undefined
  }
  const v = await versionOf(src, name)
  return v && v.body.secret_string !== undefined ? { address: `aws_secretsmanager_secret_version.${v.name}`, attribute: 'secret_string', value: v.body.secret_string, lifecycle: v.body.lifecycle } : undefined
}

/** The `aws_secretsmanager_secret_version` whose `secret_id` references `aws_secretsmanager_secret.<name>`. */
async function versionOf(src: ScopeSource, name: string): Promise<ScopeSource['secretVersions'][number] | undefined> {
  for (const v of src.secretVersions) {
    if (typeof v.body.secret_id !== 'string' || !hasTemplate(v.body.secret_id)) continue
    const refs = traversals(await parseTemplate(v.body.secret_id))
    if (refs.some((t) => t.root === 'aws_secretsmanager_secret' && t.parts[0] === name)) return v
  }
  return undefined
}

async function liftVariable(l: Lifter, name: string, decl: Obj): Promise<Obj> {
  const v: Obj = { type: typeExpr(decl.type) }
  for (const k of ['default', 'sensitive', 'nullable', 'ephemeral'] as const) if (decl[k] !== undefined) v[k] = decl[k]!
  if (decl.validation !== undefined) v.validation = (await l.value(decl.validation, `var.${name}.validation`)).value
  return v
}

function rootVarMeta(root: ScopeSource, files: SourceFile[]): Record<string, RootVarMeta> {
  const text = new Map(files.map((f) => [f.path, f.text]))
  const out: Record<string, RootVarMeta> = {}
  for (const [name, { decl, file }] of root.variables) {
    out[name] = { type: typeExpr(decl.type), sensitive: decl.sensitive === true, required: !('default' in decl), file, line: declLine(text.get(file) ?? '', name) }
  }
  return out
}
