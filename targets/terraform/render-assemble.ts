/**
 * The registry's Terraform configuration → an outputs-only configuration that the real terraform
 * evaluates without provider plugins: the root's variables, the root → module wiring (the module
 * call's arguments, the locals they use), and as outputs the auth-server and registry containers'
 * `environment` and `secrets` lists as the module writes them, with the values of the Secrets Manager
 * secrets they name. Found by HCL parsing (`@cdktf/hcl2json`), never evaluated here: every value is
 * the module's own expression, handed to terraform as `.tf.json`.
 *
 * What only a real deployment has (a data source, a resource attribute, another module's output)
 * becomes a named placeholder string `<address>`. Only what the outputs need is lifted.
 */
import { asTemplate, parseTemplate, quoted, rewrite, traversals, literalString, nodes, objectItems, type ParsedTemplate, type Replacement, type Traversal, hcl2json } from './hcl-expr.js'
import { closure, type ContainerMeta, type Dep, type PlaceholderMeta, type RenderMeta, type RootVarMeta, type ScopeMeta, type SecretMeta } from './render-meta.js'

export const ASSEMBLY_VERSION = 3
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

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type Obj = { [k: string]: Json }
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
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const first = (v: Json | undefined): Obj | undefined => (Array.isArray(v) ? (v.find(isObj) as Obj | undefined) : isObj(v) ? v : undefined)
const hasTemplate = (s: string): boolean => /(?<!\$)\$\{|(?<!%)%\{/.test(s)
/** `${string}` → `string`: a variable's type in `.tf.json` is the bare type expression. */
const typeExpr = (t: Json | undefined): string => (typeof t === 'string' ? t.replace(/^\$\{([\s\S]*)\}$/, '$1') : 'any')

/** One module's blocks, merged over its files. */
class ScopeSource {
  readonly variables = new Map<string, { decl: Obj; file: string }>()
  readonly locals = new Map<string, Json>()
  readonly blocks: { kind: 'module' | 'resource'; type: string; name: string; body: Obj; file: string }[] = []
  readonly secretVersions: { name: string; body: Obj; file: string }[] = []
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
}

function whyPlaceholder(type: string): string {
  if (type === 'random_password' || type === 'random_string') return 'generated by the random provider at apply; only a real deployment has the value'
  if (type === 'aws_secretsmanager_secret') return 'a Secrets Manager secret the module creates; its ARN exists only after apply'
  if (type.startsWith('data.')) return 'a data source read through the aws provider; the render runs no provider plugins'
  if (type === 'module') return 'an output of a module the render does not evaluate (it creates AWS resources)'
  return 'a resource attribute known only after a real apply'
}

/** A container found in a `container_definitions`: its `environment`/`secrets` sources. */
interface FoundContainer {
  key: string
  name: string
  block: string
  file: string
  environment?: string
  secrets?: string
}

async function findContainers(scope: ScopeSource, wanted: Record<string, string>): Promise<FoundContainer[]> {
  const byName = new Map(Object.entries(wanted).map(([k, n]) => [n, k]))
  const found: FoundContainer[] = []
  for (const b of scope.blocks) {
    const defs = b.body.container_definitions
    if (typeof defs !== 'string' || ![...byName.keys()].some((n) => defs.includes(n))) continue
    const t = await parseTemplate(defs)
    for (const node of nodes(t.ast)) {
      const items = objectItems(t, node)
      if (!items) continue
      const take = (name: string | undefined, body: ReturnType<typeof objectItems>) => {
        const key = name === undefined ? undefined : byName.get(name)
        if (!key || !body || found.some((f) => f.key === key)) return
        const env = body.find((i) => i.key === 'environment')
        const sec = body.find((i) => i.key === 'secrets')
        if (!env && !sec) return
        found.push({ key, name: name!, block: b.kind === 'module' ? `module.${b.name}` : `${b.type}.${b.name}`, file: b.file, environment: env?.source, secrets: sec?.source })
      }
      // map form (terraform-aws-modules/ecs): { auth-server = { environment = ... } }
      for (const item of items) take(item.key, objectItems(t, item.value))
      // list form (jsonencode([{ name = "auth-server", environment = ... }]))
      take(literalString(items.find((i) => i.key === 'name')?.value), items)
    }
  }
  return found
}

/** Per entry of an environment/secrets list: what its `value`/`valueFrom` references; the rest. */
function entryDeps(parsed: ParsedTemplate | undefined, byStart: Map<number, Dep> | undefined, field: 'value' | 'valueFrom'): { entries: Record<string, Dep[]>; rest: Dep[] } {
  const entries: Record<string, Dep[]> = {}
  if (!parsed || !byStart) return { entries, rest: [] }
  const inEntries = new Set<number>()
  for (const node of nodes(parsed.ast)) {
    const items = objectItems(parsed, node)
    const name = literalString(items?.find((i) => i.key === 'name')?.value)
    const v = items?.find((i) => i.key === field)
    if (name === undefined || !v) continue
    const ds = traversals(parsed, v.value).map((t) => {
      inEntries.add(t.start)
      return byStart.get(t.start)
    })
    entries[name] = [...new Set([...(entries[name] ?? []), ...ds.filter((d): d is Dep => d !== undefined)])]
  }
  const rest = [...byStart.entries()].filter(([s]) => !inEntries.has(s)).map(([, d]) => d)
  return { entries, rest: [...new Set(rest)] }
}

/** The text of `variable "name"` in its file, for a diagnostic's position. */
function declLine(text: string, name: string): number {
  const i = text.search(new RegExp(`^[ \\t]*variable[ \\t]+"${name.replace(/[^\w-]/g, '')}"`, 'm'))
  return i < 0 ? 1 : text.slice(0, i).split('\n').length
}

export async function assemble(input: AssembleInput): Promise<Assembly> {
  const h = await hcl2json()
  const parsedAll: Parsed[] = []
  for (const f of input.files) parsedAll.push({ path: f.path, json: (await h.parse(f.path, f.text)) as Obj })
  const inDir = (dir: string) => parsedAll.filter((p) => dirOf(p.path) === dir)
  const root = new ScopeSource('', input.rootDir, inDir(input.rootDir))
  const abs = (rel: string) => `${input.registryDir.replace(/\/$/, '')}/${rel}`
  const out = { placeholders: {} as Record<string, PlaceholderMeta>, substitutions: {} as RenderMeta['substitutions'], notes: [] as string[] }

  // the root's local module calls, each a scope
  const calls = root.blocks.filter((b) => b.kind === 'module' && typeof b.body.source === 'string' && /^\.\.?\//.test(b.body.source as string))
  const scopes: { src: ScopeSource; call?: (typeof calls)[number] }[] = [{ src: root }]
  for (const c of calls) scopes.push({ src: new ScopeSource(`module.${c.name}`, joinPath(input.rootDir, c.body.source as string), inDir(joinPath(input.rootDir, c.body.source as string))), call: c })

  const rootLifter = new Lifter(root, out, abs(root.dir), abs(root.dir), root.region !== undefined)
  const lifters = new Map<string, Lifter>([['', rootLifter]])
  const containers: ContainerMeta[] = []
  const containerOutputs = new Map<string, Record<string, Json>>() // scope → output name → body

  for (const { src } of scopes) {
    const found = await findContainers(src, input.containers)
    if (found.length === 0) continue
    const lifter = lifters.get(src.address) ?? new Lifter(src, out, abs(src.dir), abs(root.dir), root.region !== undefined)
    lifters.set(src.address, lifter)
    for (const f of found) {
      const env = f.environment === undefined ? undefined : await lifter.template(asTemplate(f.environment), `${f.block}.container_definitions["${f.name}"].environment`)
      const sec = f.secrets === undefined ? undefined : await lifter.template(asTemplate(f.secrets), `${f.block}.container_definitions["${f.name}"].secrets`)
      const e = entryDeps(env?.parsed, env?.byStart, 'value')
      const s = entryDeps(sec?.parsed, sec?.byStart, 'valueFrom')
      const output = `regcfg_container_${f.key.replace(/[^\w]/g, '_')}`
      containers.push({ key: f.key, name: f.name, scope: src.address, source: `${f.block} in ${f.file}`, output, env: e.entries, secrets: s.entries, rest: [...new Set([...e.rest, ...s.rest])] })
      const native = (t: string | undefined) => (t === undefined ? '[]' : t.startsWith('${') && t.endsWith('}') ? t.slice(2, -1) : quoted(t))
      const body = `\${{ environment = (${native(env?.text)}), secrets = (${native(sec?.text)}) }}`
      containerOutputs.set(src.address, { ...(containerOutputs.get(src.address) ?? {}), [output]: body })
    }
  }
  for (const key of Object.keys(input.containers)) if (!containers.some((c) => c.key === key)) out.notes.push(`no container "${input.containers[key]}" with environment or secrets found in ${input.rootDir}`)

  // the secrets the containers name (through module arguments too) → their secret_string, as outputs
  const scopeMetas = (): ScopeMeta[] => scopes.map(({ src }) => ({ address: src.address, dir: src.dir, locals: {}, args: {}, sensitiveVars: [] }))
  const secretsWanted = new Map<string, Set<string>>() // scope → aws_secretsmanager_secret names
  const secrets: SecretMeta[] = []
  const secretOutputs = new Map<string, Record<string, Json>>()

  // Lift until nothing new is needed: locals, module variables (with their validations) and the
  // call's arguments for them; then the secret versions, whose lifting may need more.
  const localsLifted = new Map<string, Record<string, Json>>()
  const localDeps = new Map<string, Record<string, Dep[]>>()
  const varsLifted = new Map<string, Record<string, Obj>>()
  const argsLifted = new Map<string, Record<string, Json>>()
  const argDeps = new Map<string, Record<string, Dep[]>>()

  const liftRootVars = async () => {
    const vars: Record<string, Obj> = {}
    for (const [name, { decl }] of root.variables) vars[name] = await liftVariable(rootLifter, name, decl)
    varsLifted.set('', vars)
  }
  await liftRootVars()

  const settle = async () => {
    for (let changed = true; changed; ) {
      changed = false
      for (const { src, call } of scopes) {
        const l = lifters.get(src.address)
        if (!l) continue
        const locals = localsLifted.get(src.address) ?? {}
        const ldeps = localDeps.get(src.address) ?? {}
        for (const name of [...l.neededLocals]) {
          if (name in locals) continue
          changed = true
          if (name === REGION && src.address === '') {
            const r = await l.template(root.region!, 'provider.aws.region')
            locals[name] = r.text
            ldeps[name] = [...r.deps, `subst:${AWS_REGION_SUBST}`]
            continue
          }
          const v = src.locals.get(name)
          if (v === undefined) {
            out.notes.push(`local.${name} is not defined in ${src.dir}`)
            locals[name] = null
            ldeps[name] = []
            continue
          }
          const r = await l.value(v, `local.${name}`)
          locals[name] = r.value
          ldeps[name] = r.deps
        }
        localsLifted.set(src.address, locals)
        localDeps.set(src.address, ldeps)
        if (!call) continue
        const vars = varsLifted.get(src.address) ?? {}
        const args = argsLifted.get(src.address) ?? {}
        const adeps = argDeps.get(src.address) ?? {}
        for (const name of [...l.neededVars]) {
          if (name in vars) continue
          changed = true
          if (name === REGION) {
            vars[name] = { type: 'string' }
            rootLifter.neededLocals.add(REGION)
            args[name] = `\${local.${REGION}}`
            adeps[name] = [`local.${REGION}`]
            continue
          }
          const d = src.variables.get(name)
          if (!d) {
            out.notes.push(`var.${name} is not declared in ${src.dir}`)
            vars[name] = { type: 'any', default: null }
            continue
          }
          vars[name] = await liftVariable(l, name, d.decl)
          const a = call.body[name]
          if (a !== undefined && !IGNORED_META_ARGS.has(name)) {
            const r = await rootLifter.value(a, `${src.address}.${name}`)
            args[name] = r.value
            adeps[name] = r.deps
          }
        }
        varsLifted.set(src.address, vars)
        argsLifted.set(src.address, args)
        argDeps.set(src.address, adeps)
      }
    }
  }
  await settle()

  const metaNow = (): RenderMeta => ({
    version: ASSEMBLY_VERSION,
    rootDir: input.rootDir,
    scopes: scopeMetas().map((s) => ({ ...s, locals: localDeps.get(s.address) ?? {}, args: argDeps.get(s.address) ?? {}, sensitiveVars: sensitiveOf(scopes.find((x) => x.src.address === s.address)!.src) })),
    containers,
    secrets,
    placeholders: out.placeholders,
    substitutions: out.substitutions,
    rootVars: rootVarMeta(root, input.files),
    notes: out.notes,
  })

  // which aws_secretsmanager_secret each container secret names
  for (const c of containers) {
    const cl = closure(metaNow(), c.scope, [...Object.values(c.secrets).flat(), ...c.rest])
    for (const token of cl.placeholders) {
      const p = out.placeholders[token]
      if (p?.type !== 'aws_secretsmanager_secret') continue
      secretsWanted.set(p.scope, (secretsWanted.get(p.scope) ?? new Set()).add(p.name))
    }
  }
  for (const { src } of scopes) {
    for (const name of secretsWanted.get(src.address) ?? []) {
      const v = await versionOf(src, name)
      if (!v || v.body.secret_string === undefined) continue
      const l = lifters.get(src.address) ?? new Lifter(src, out, abs(src.dir), abs(root.dir), root.region !== undefined)
      lifters.set(src.address, l)
      const r = await l.value(v.body.secret_string, `aws_secretsmanager_secret_version.${v.name}.secret_string`)
      if (r.deps.some((d) => d.startsWith('@'))) {
        out.notes.push(`aws_secretsmanager_secret_version.${v.name}: secret_string uses count/each/self; not evaluated`)
        continue
      }
      const output = `regcfg_secret_${src.address ? src.address.replace(/\W/g, '_') + '_' : ''}${name}`
      secretOutputs.set(src.address, { ...(secretOutputs.get(src.address) ?? {}), [output]: r.value })
      const lifecycle = first(v.body.lifecycle)
      const ignore = JSON.stringify(lifecycle?.ignore_changes ?? '').includes('secret_string')
      secrets.push({ scope: src.address, secret: name, address: `${src.address ? src.address + '.' : ''}aws_secretsmanager_secret_version.${v.name}`, output, deps: r.deps, ignoreChanges: ignore })
    }
  }
  await settle()

  // the files
  const files: Record<string, string> = {}
  const json = (o: unknown) => JSON.stringify(o, null, 1) + '\n'
  const render: Obj = {}
  for (const { src, call } of scopes) {
    const dir = call ? `modules/${call.name}/` : ''
    const outputs: Obj = {}
    for (const [name, value] of Object.entries({ ...(containerOutputs.get(src.address) ?? {}), ...(secretOutputs.get(src.address) ?? {}) })) {
      outputs[name] = { value, sensitive: true }
      render[name] = call ? `\${module.${call.name}.${name}}` : value
    }
    if (call) {
      if (!lifters.has(src.address)) continue
      files[`${dir}variables.tf.json`] = json({ variable: varsLifted.get(src.address) ?? {} })
      files[`${dir}locals.tf.json`] = json({ locals: localsLifted.get(src.address) ?? {} })
      files[`${dir}outputs.tf.json`] = json({ output: outputs })
    }
  }
  files['variables.tf.json'] = json({ variable: varsLifted.get('') ?? {} })
  files['locals.tf.json'] = json({ locals: { ...(localsLifted.get('') ?? {}), [RENDER_LOCAL]: render } })
  const moduleCalls: Obj = {}
  for (const { src, call } of scopes) if (call && lifters.has(src.address)) moduleCalls[call.name] = { source: `./modules/${call.name}`, ...(argsLifted.get(src.address) ?? {}) }
  files['main.tf.json'] = json(Object.keys(moduleCalls).length ? { module: moduleCalls } : {})
  return { files, meta: metaNow() }
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

function sensitiveOf(src: ScopeSource): string[] {
  return [...src.variables].filter(([, d]) => d.decl.sensitive === true).map(([n]) => n)
}

function rootVarMeta(root: ScopeSource, files: SourceFile[]): Record<string, RootVarMeta> {
  const text = new Map(files.map((f) => [f.path, f.text]))
  const out: Record<string, RootVarMeta> = {}
  for (const [name, { decl, file }] of root.variables) {
    out[name] = { type: typeExpr(decl.type), sensitive: decl.sensitive === true, required: !('default' in decl), file, line: declLine(text.get(file) ?? '', name) }
  }
  return out
}
