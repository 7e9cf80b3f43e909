/**
 * The Helm renderers: `helm template` of the registry checkout's own charts with regcfg's values.yaml,
 * plus regcfg's create-env-secret.sh run with kubectl in dry-run mode (DRY_RUN=1) for the env Secret
 * the chart is told to read. The rendered documents (parsed with `yaml`) are resolved the way the
 * kubelet builds a container's environment: its envFrom sources in order, then env: (value /
 * secretKeyRef / configMapKeyRef), later winning, Secret data base64-decoded.
 *
 * helm: charts/auth-server as it is. helm-stack: the umbrella chart (the chart under charts/ whose
 * Chart.yaml depends on the others) in a temp copy whose charts/ holds the local (file://) subcharts
 * and, for each remote one (which `helm dependency build` cannot fetch offline), a stub chart that
 * renders only a marker, so the render shows which remote charts the values enable.
 *
 * Where a value came from (--explain): the script's Secret is regcfg's (or the user's environment,
 * for a reference); anything else is the chart's, unless a second render without regcfg's values
 * gives a different value, which makes it regcfg's values.yaml.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { parse as parseYaml, parseAllDocuments } from 'yaml'
import { diag } from '../../src/compiler/diagnostics.js'
import type { Diagnostic, Surface } from '../../src/compiler/types.js'
import { isSecretName } from '../_render/secrecy.js'
import { firstError, redact, RegistryCheckoutError, runScript, runTool, toolVersion } from '../_render/tools.js'
import type { RenderedContainer, RenderedVar, RenderInput, RenderResult, Substitution, ToolRun } from '../_render/types.js'
import { DRY_RUN_SWITCH, parseSecretScript, type SecretEntry } from './secret-script.js'

const VALUES = 'values.yaml'
const SCRIPT = 'create-env-secret.sh'
const STUB_ANNOTATION = 'regcfg.render/stub-chart'
/** Release name and namespace as the registry's charts/README.md installs them. */
const RELEASE: Record<'helm' | 'helm-stack', { release: string; namespace: string }> = {
  helm: { release: 'auth-server', namespace: 'default' },
  'helm-stack': { release: 'mcp-gateway-registry', namespace: 'mcp-gateway-registry' },
}
/** The containers every caller asks for; their missing references are always errors. */
const PRIMARY = new Set(['auth-server', 'registry'])

// ── the charts ───────────────────────────────────────────────────────────────────────────────

interface ChartDependency {
  name: string
  version: string
  repository?: string
  alias?: string
}

interface ChartYaml {
  name?: string
  version?: string
  dependencies?: ChartDependency[]
}

function readChart(dir: string): ChartYaml | undefined {
  const file = join(dir, 'Chart.yaml')
  if (!existsSync(file)) return undefined
  try {
    return (parseYaml(readFileSync(file, 'utf8')) ?? {}) as ChartYaml
  } catch {
    return undefined
  }
}

const isLocal = (d: ChartDependency) => typeof d.repository === 'string' && d.repository.startsWith('file://')

/** The umbrella chart: the chart under charts/ that depends on the most local charts. */
export function findStackChart(registryDir: string): string {
  const charts = join(registryDir, 'charts')
  const candidates = existsSync(charts)
    ? readdirSync(charts).map((n) => join(charts, n)).map((dir) => ({ dir, chart: readChart(dir) })).filter((c) => c.chart)
    : []
  const ranked = candidates.map((c) => ({ ...c, local: (c.chart!.dependencies ?? []).filter(isLocal).length })).filter((c) => c.local > 0).sort((a, b) => b.local - a.local)
  if (!ranked[0]) throw new RegistryCheckoutError(registryDir, 'charts/<umbrella chart>/Chart.yaml (a chart whose dependencies include the local charts)')
  return ranked[0].dir
}

interface StackCopy {
  dir: string
  substitutions: Substitution[]
}

const stackCopies = new Map<string, StackCopy>()
let cleanupRegistered = false

function mtimeKey(files: string[]): string {
  return files.map((f) => (existsSync(f) ? `${f}@${statSync(f).mtimeMs}` : `${f}@-`)).join('|')
}

/**
 * The umbrella chart in a temp folder with its dependencies in charts/: kept as the checkout has them
 * (a user may have run `helm dependency build`), else copied (file://), else a stub (remote).
 * Built once per process per checkout, rebuilt when a Chart.yaml / Chart.lock changes.
 */
function stackCopy(chartDir: string): StackCopy {
  const chart = readChart(chartDir)!
  const deps = chart.dependencies ?? []
  const localDirs = deps.filter(isLocal).map((d) => resolve(chartDir, d.repository!.slice('file://'.length)))
  const key = `${chartDir}#${mtimeKey([join(chartDir, 'Chart.yaml'), join(chartDir, 'Chart.lock'), ...localDirs.map((d) => join(d, 'Chart.yaml'))])}`
  const cached = stackCopies.get(key)
  if (cached && existsSync(cached.dir)) return cached
  const root = mkdtempSync(join(tmpdir(), 'regcfg-render-stack-'))
  if (!cleanupRegistered) {
    cleanupRegistered = true
    process.once('exit', () => {
      for (const c of stackCopies.values()) rmSync(join(c.dir, '..'), { recursive: true, force: true })
    })
  }
  const name = chart.name ?? 'stack'
  const dir = join(root, name)
  cpSync(chartDir, dir, { recursive: true })
  const chartsDir = join(dir, 'charts')
  mkdirSync(chartsDir, { recursive: true })
  const present = readdirSync(chartsDir)
  const substitutions: Substitution[] = []
  for (const d of deps) {
    if (present.some((f) => f === d.name || f.startsWith(`${d.name}-`))) continue
    if (isLocal(d)) {
      const src = resolve(chartDir, d.repository!.slice('file://'.length))
      if (!existsSync(join(src, 'Chart.yaml'))) throw new RegistryCheckoutError(chartDir, `${relative(chartDir, src)}/Chart.yaml (dependency ${d.name})`)
      cpSync(src, join(chartsDir, d.name), { recursive: true })
      continue
    }
    const stub = join(chartsDir, d.name)
    mkdirSync(join(stub, 'templates'), { recursive: true })
    writeFileSync(join(stub, 'Chart.yaml'), `apiVersion: v2\nname: ${d.name}\nversion: ${String(d.version).replace(/^[^0-9]*/, '')}\ndescription: regcfg render stub for ${d.repository ?? 'a remote chart'} (cannot be fetched here)\n`)
    writeFileSync(join(stub, 'templates', 'regcfg-stub.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: regcfg-stub-{{ .Chart.Name }}\n  annotations:\n    ${STUB_ANNOTATION}: "{{ .Chart.Name }} {{ .Chart.Version }}"\n`)
    substitutions.push({ what: `chart ${d.name} ${d.version} (${d.repository ?? 'remote'})`, why: 'a remote chart cannot be fetched here: a stub without its templates stands in (its workloads, Secrets and Services are not rendered; whether the values enable it is shown)' })
  }
  const copy = { dir, substitutions }
  stackCopies.set(key, copy)
  return copy
}

// ── the rendered documents ──────────────────────────────────────────────────────────────────

interface KObject {
  kind: string
  name: string
  /** The template that rendered it (helm's `# Source:`), or the script. */
  source: string
  doc: Record<string, unknown>
}

function objectsOf(yamlText: string, fallbackSource: string): KObject[] {
  const out: KObject[] = []
  for (const d of parseAllDocuments(yamlText)) {
    if (d.errors.length) throw new Error(`cannot read the rendered YAML: ${d.errors[0]!.message.split('\n')[0]}`)
    const js = d.toJS() as Record<string, unknown> | null
    if (!js || typeof js !== 'object') continue
    const comment = [d.commentBefore, (d.contents as { commentBefore?: string } | null)?.commentBefore].filter(Boolean).join('\n')
    const source = /Source:\s*(\S+)/.exec(comment)?.[1] ?? fallbackSource
    const meta = (js.metadata ?? {}) as Record<string, unknown>
    out.push({ kind: String(js.kind ?? ''), name: String(meta.name ?? ''), source, doc: js })
  }
  return out
}

interface DataObject {
  data: Record<string, string>
  source: string
  /** The script's Secret: its entries say which keys are references. */
  script?: Map<string, SecretEntry>
  /** Created by a hook Job when it runs (runtimeSecrets); a `<placeholder:...>` value is computed then. */
  runtime?: boolean
}

function decodeSecret(doc: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries((doc.data ?? {}) as Record<string, unknown>)) out[k] = Buffer.from(String(v ?? ''), 'base64').toString('utf8')
  for (const [k, v] of Object.entries((doc.stringData ?? {}) as Record<string, unknown>)) out[k] = String(v ?? '')
  return out
}

function stringData(doc: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries((doc.data ?? {}) as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))
}

interface PodContainer {
  name: string
  image?: string
  imagePullPolicy?: string
  command?: string[]
  args?: string[]
  env?: { name: string; value?: unknown; valueFrom?: Record<string, Record<string, unknown>> }[]
  envFrom?: { prefix?: string; configMapRef?: { name: string; optional?: boolean }; secretRef?: { name: string; optional?: boolean } }[]
}

function podSpecOf(o: KObject): { containers?: PodContainer[]; initContainers?: PodContainer[] } | undefined {
  const spec = o.doc.spec as Record<string, any> | undefined
  if (!spec) return undefined
  if (o.kind === 'Pod') return spec
  if (o.kind === 'CronJob') return spec.jobTemplate?.spec?.template?.spec
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(o.kind)) return spec.template?.spec
  return undefined
}

/** A checkout-relative path for helm's `# Source:` (stack/charts/auth-server/templates/x → charts/auth-server/templates/x). */
function checkoutPath(source: string, chartDirName: string): string {
  const parts = source.split('/')
  const sub = parts.lastIndexOf('charts')
  if (sub >= 0 && parts[sub + 1]) return ['charts', ...parts.slice(sub + 1)].join('/')
  return ['charts', chartDirName, ...parts.slice(1)].join('/')
}

interface Ctx {
  surface: Surface
  chartDirName: string
  stubs: string[]
  registryDir: string
}

interface Resolved {
  env: Record<string, RenderedVar>
  problems: Diagnostic[]
  substitutions: Substitution[]
}

function resolveContainer(w: KObject, c: PodContainer, configMaps: Map<string, DataObject>, secrets: Map<string, DataObject>, ctx: Ctx): Resolved {
  const env: Record<string, RenderedVar> = {}
  const problems: Diagnostic[] = []
  const substitutions: Substitution[] = []
  const file = join(ctx.registryDir, checkoutPath(w.source, ctx.chartDirName))
  const missing = (kind: string, name: string, how: string) => {
    const primary = PRIMARY.has(c.name)
    const stubbed = ctx.stubs.length > 0 && !primary
    const hint = `Create the ${kind} ${name} in the release's namespace before installing (kubectl create ${kind === 'Secret' ? 'secret generic' : 'configmap'} ${name} --from-literal=KEY=VALUE ...), or point the chart at one that exists.${stubbed ? ` It may come from a remote chart this render stubs (${ctx.stubs.join(', ')}).` : ''}`
    const d = diag('RC7006', { file, surface: ctx.surface }, { workload: `${w.kind}/${w.name}`, container: c.name, kind, name, how, hint })
    problems.push(stubbed ? { ...d, severity: 'warning' } : d)
  }
  const fromObject = (obj: DataObject, key: string, value: string, kind: 'Secret' | 'ConfigMap', objName: string): RenderedVar => {
    const entry = obj.script?.get(key)
    if (entry) {
      const ref = 'ref' in entry ? entry.ref : undefined
      const origin = ref && !('value' in ref) ? 'user-env' : 'regcfg'
      const detail = ref && 'env' in ref ? `$${ref.env} → ${SCRIPT} (Secret ${objName})` : `${SCRIPT} (Secret ${objName})`
      return { value, origin, detail, ...(ref || isSecretName(key) ? { secret: true } : {}) }
    }
    if (obj.runtime) {
      const computed = value.startsWith('<placeholder:')
      return { value, origin: computed ? 'placeholder' : 'chart-default', detail: `${obj.source} creates Secret ${objName} when it runs${computed ? ' (computed then)' : ''}`, ...(isSecretName(key) ? { secret: true } : {}) }
    }
    return { value, origin: 'chart-default', detail: `${checkoutPath(obj.source, ctx.chartDirName)} (${kind} ${objName})`, ...(kind === 'Secret' && isSecretName(key) ? { secret: true } : {}) }
  }
  for (const src of c.envFrom ?? []) {
    const ref = src.configMapRef ?? src.secretRef
    if (!ref) continue
    const kind = src.configMapRef ? 'ConfigMap' : 'Secret'
    const obj = (kind === 'ConfigMap' ? configMaps : secrets).get(ref.name)
    if (!obj) {
      if (!ref.optional) missing(kind, ref.name, 'envFrom')
      continue
    }
    for (const [k, v] of Object.entries(obj.data)) env[(src.prefix ?? '') + k] = fromObject(obj, k, v, kind, ref.name)
  }
  for (const e of c.env ?? []) {
    const vf = e.valueFrom
    if (!vf) {
      env[e.name] = { value: e.value === undefined || e.value === null ? '' : String(e.value), origin: 'chart-default', detail: file, ...(isSecretName(e.name) ? { secret: true } : {}) }
      continue
    }
    const keyRef = vf.secretKeyRef ?? vf.configMapKeyRef
    if (keyRef) {
      const kind = vf.secretKeyRef ? 'Secret' : 'ConfigMap'
      const name = String(keyRef.name)
      const key = String(keyRef.key)
      const obj = (kind === 'Secret' ? secrets : configMaps).get(name)
      if (!obj || !(key in obj.data)) {
        if (!keyRef.optional) missing(kind, obj ? `${name} key ${key}` : name, `env ${e.name}`)
        continue
      }
      env[e.name] = fromObject(obj, key, obj.data[key]!, kind, name)
      if (kind === 'Secret') env[e.name]!.secret = true
      continue
    }
    const field = vf.fieldRef ?? vf.resourceFieldRef
    if (field) {
      const what = String(field.fieldPath ?? field.resource ?? '?')
      env[e.name] = { value: `<placeholder:${what}>`, origin: 'placeholder', detail: `${vf.fieldRef ? 'fieldRef' : 'resourceFieldRef'} ${what} (the kubelet fills it in)` }
      substitutions.push({ what: `${c.name} ${e.name}=<placeholder:${what}>`, why: 'a field of the running pod, known only to the kubelet' })
    }
  }
  return { env, problems, substitutions }
}

// ── Secrets a Job creates when it runs ──────────────────────────────────────────────────────

interface RuntimeSecret {
  name: string
  /** Where the script that creates it is (a ConfigMap or the Job itself). */
  source: string
  /** key → the literal the script writes, or undefined when the script computes it at run time. */
  keys: Map<string, string | undefined>
}

/**
 * Secrets that a rendered hook Job creates at run time with `kubectl create secret generic NAME
 * --from-literal=K=V ...` in its script (the keycloak-configure Job writes keycloak-client-secret
 * from what Keycloak generated). A render cannot run the Job; such a Secret exists once it has run,
 * with the literal values the script names and a placeholder for each computed one.
 */
function runtimeSecrets(objects: KObject[]): RuntimeSecret[] {
  const texts: { text: string; source: string }[] = []
  for (const o of objects) {
    if (o.kind === 'ConfigMap') for (const v of Object.values((o.doc.data ?? {}) as Record<string, unknown>)) if (typeof v === 'string') texts.push({ text: v, source: `${o.kind}/${o.name}` })
    if (o.kind === 'Job' || o.kind === 'CronJob') {
      const pod = podSpecOf(o)
      for (const c of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) texts.push({ text: [...(c.command ?? []), ...(c.args ?? [])].join('\n'), source: `${o.kind}/${o.name}` })
    }
  }
  const found: RuntimeSecret[] = []
  for (const { text, source } of texts) {
    const joined = text.replace(/\\\n\s*/g, ' ')
    for (const m of joined.matchAll(/kubectl\s+create\s+secret\s+generic\s+([a-z0-9][-a-z0-9.]*)([^\n]*)/g)) {
      const keys = new Map<string, string | undefined>()
      for (const lit of m[2]!.matchAll(/--from-literal=([A-Za-z_][A-Za-z0-9_.-]*)=(\S*)/g)) keys.set(lit[1]!, /[$`]/.test(lit[2]!) ? undefined : lit[2]!.replace(/^["']|["']$/g, ''))
      if (keys.size > 0) found.push({ name: m[1]!, source, keys })
    }
  }
  return found
}

// ── the render ───────────────────────────────────────────────────────────────────────────────

interface Rendered {
  objects: KObject[]
  run: ToolRun
}

async function helmTemplate(chartDir: string, surface: 'helm' | 'helm-stack', valuesFile: string | undefined): Promise<Rendered | { error: string; run: ToolRun }> {
  const { release, namespace } = RELEASE[surface]
  const argv = ['template', release, chartDir, '--namespace', namespace, ...(valuesFile ? ['-f', valuesFile] : [])]
  const out = await runTool('helm', argv, { env: {} })
  const run = out.run
  if (out.code !== 0) return { error: out.stderr, run }
  return { objects: objectsOf(out.stdout, chartDir), run }
}

async function secretFromScript(input: RenderInput, scriptPath: string, entries: SecretEntry[]): Promise<{ objects: KObject[]; run: ToolRun } | { error: string; run: ToolRun; values: string[] }> {
  const env: Record<string, string> = { [DRY_RUN_SWITCH]: '1' }
  for (const e of entries) if ('ref' in e && 'env' in e.ref && input.processEnv[e.ref.env] !== undefined) env[e.ref.env] = input.processEnv[e.ref.env]!
  const out = await runScript('kubectl', scriptPath, [], { env, cwd: process.cwd() })
  const run = { ...out.run, argv: ['sh', SCRIPT] }
  if (out.code !== 0) return { error: out.stderr, run, values: Object.values(env) }
  return { objects: objectsOf(out.stdout, SCRIPT), run }
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'])

async function renderHelmSurface(surface: 'helm' | 'helm-stack', input: RenderInput): Promise<RenderResult> {
  // asked alongside the renders, not before them (a process start each; kubectl's is slow)
  const versions = { helm: toolVersion('helm'), kubectl: input.files[SCRIPT] ? toolVersion('kubectl') : Promise.resolve('') }
  const r = await helmRender(surface, input, versions.helm)
  const [helm, kubectl] = await Promise.all([versions.helm, versions.kubectl])
  for (const t of r.tools) t.version = t.tool === 'kubectl' ? kubectl : helm
  return r
}

async function helmRender(surface: 'helm' | 'helm-stack', input: RenderInput, helmVersionOf: Promise<string>): Promise<RenderResult> {
  const chartDir = surface === 'helm' ? join(input.registryDir, 'charts', 'auth-server') : findStackChart(input.registryDir)
  if (!existsSync(join(chartDir, 'Chart.yaml'))) throw new RegistryCheckoutError(input.registryDir, relative(input.registryDir, join(chartDir, 'Chart.yaml')))
  const chartDirName = chartDir.split(/[\\/]/).pop()!
  const substitutions: Substitution[] = []
  let renderDir = chartDir
  if (surface === 'helm-stack') {
    const copy = stackCopy(chartDir)
    renderDir = copy.dir
    substitutions.push(...copy.substitutions)
  }
  const tmp = mkdtempSync(join(tmpdir(), `regcfg-render-${surface}-`))
  const tools: ToolRun[] = []
  const problems: Diagnostic[] = []
  try {
    const valuesFile = join(tmp, VALUES)
    writeFileSync(valuesFile, input.files[VALUES] ?? '', { mode: 0o600 })
    const scriptText = input.files[SCRIPT]
    const script = scriptText ? parseSecretScript(scriptText) : undefined
    const scriptPath = join(tmp, SCRIPT)
    if (scriptText) writeFileSync(scriptPath, scriptText, { mode: 0o700 })
    const [main, baseline, fromScript] = await Promise.all([
      helmTemplate(renderDir, surface, valuesFile),
      input.explain ? helmTemplate(renderDir, surface, undefined) : Promise.resolve(undefined),
      script ? secretFromScript(input, scriptPath, script.entries) : Promise.resolve(undefined),
    ])
    tools.push(main.run)
    if (fromScript) tools.push(fromScript.run)
    if (baseline) tools.push(baseline.run)
    if ('error' in main) {
      problems.push(diag('RC7002', { file: chartDir, surface }, { tool: `helm ${await helmVersionOf}`, reason: firstError(main.error), hint: `Run the same \`helm template\` on ${relative(input.registryDir, chartDir)} to see the whole message; fix values.yaml (regcfg compile) or the checkout.` }))
      return { surface, tools, containers: {}, substitutions, problems }
    }
    const objects = [...main.objects]
    if (fromScript && 'error' in fromScript) {
      const reason = redact(firstError(fromScript.error), fromScript.values)
      const variable = /([A-Za-z_][A-Za-z0-9_]*): set \1/.exec(fromScript.error)?.[1]
      problems.push(diag('RC7007', { file: SCRIPT, surface }, { reason, hint: variable ? `Export ${variable} before running ${SCRIPT} (regcfg reads it from your environment).` : `Run DRY_RUN=1 sh ${SCRIPT} to see the whole message.` }))
    } else if (fromScript) objects.push(...fromScript.objects.map((o) => ({ ...o, source: SCRIPT })))
    const stubs = objects.filter((o) => o.kind === 'ConfigMap' && ((o.doc.metadata as any)?.annotations ?? {})[STUB_ANNOTATION]).map((o) => String((o.doc.metadata as any).annotations[STUB_ANNOTATION]).split(' ')[0]!)
    const real = objects.filter((o) => !(o.kind === 'ConfigMap' && o.name.startsWith('regcfg-stub-') && ((o.doc.metadata as any)?.annotations ?? {})[STUB_ANNOTATION]))
    const scriptEntries = new Map((script?.entries ?? []).map((e) => [e.key, e]))
    const configMaps = new Map<string, DataObject>()
    const secrets = new Map<string, DataObject>()
    for (const o of real) {
      if (o.kind === 'ConfigMap') configMaps.set(o.name, { data: stringData(o.doc), source: o.source })
      if (o.kind === 'Secret') secrets.set(o.name, { data: decodeSecret(o.doc), source: o.source, ...(o.source === SCRIPT ? { script: scriptEntries } : {}) })
    }
    for (const rs of runtimeSecrets(real)) {
      if (secrets.has(rs.name)) continue
      const data: Record<string, string> = {}
      for (const [k, v] of rs.keys) data[k] = v ?? `<placeholder:${rs.name}/${k}>`
      secrets.set(rs.name, { data, source: rs.source, runtime: true })
      const computed = [...rs.keys].filter(([, v]) => v === undefined).map(([k]) => k)
      substitutions.push({ what: `Secret ${rs.name} (created at run time by ${rs.source})`, why: `the hook Job creates it when it runs${computed.length ? `; ${computed.join(', ')} ${computed.length === 1 ? 'is' : 'are'} computed then (placeholders here)` : ''}` })
    }
    const workloads = real.filter((o) => WORKLOAD_KINDS.has(o.kind))
    const containers: Record<string, RenderedContainer> = {}
    const ctx: Ctx = { surface, chartDirName, stubs, registryDir: input.registryDir }
    const baseEnv = baseline && !('error' in baseline) ? baselineEnv(baseline.objects, ctx) : undefined
    for (const w of workloads) {
      const pod = podSpecOf(w)
      for (const c of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
        const r = resolveContainer(w, c, configMaps, secrets, ctx)
        problems.push(...r.problems)
        substitutions.push(...r.substitutions)
        if (!(pod?.containers ?? []).includes(c)) continue
        const key = containers[c.name] ? `${w.kind}/${w.name}/${c.name}` : c.name
        const base = baseEnv?.get(`${w.kind}/${w.name}/${c.name}`)
        if (base) for (const [k, v] of Object.entries(r.env)) if (v.origin === 'chart-default' && base[k] !== v.value) r.env[k] = explained(v, base[k], input.files[VALUES] ?? '')
        const image = typeof c.image === 'string' ? { image: { ref: c.image, ...(typeof c.imagePullPolicy === 'string' ? { pullPolicy: c.imagePullPolicy } : {}) } } : {}
        containers[key] = { name: key, source: `${w.kind}/${w.name}`, env: sortKeys(r.env), ...image }
      }
    }
    return { surface, tools, containers, substitutions, problems, workloads: [...workloads.map((w) => `${w.kind}/${w.name}`), ...stubs.map((s) => `chart/${s}`)] }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

/** Each container's values when the chart renders with its own defaults only (for --explain). */
function baselineEnv(objects: KObject[], ctx: Ctx): Map<string, Record<string, string>> {
  const configMaps = new Map<string, DataObject>()
  const secrets = new Map<string, DataObject>()
  for (const o of objects) {
    if (o.kind === 'ConfigMap') configMaps.set(o.name, { data: stringData(o.doc), source: o.source })
    if (o.kind === 'Secret') secrets.set(o.name, { data: decodeSecret(o.doc), source: o.source })
  }
  const out = new Map<string, Record<string, string>>()
  for (const w of objects.filter((o) => WORKLOAD_KINDS.has(o.kind))) {
    for (const c of podSpecOf(w)?.containers ?? []) {
      const r = resolveContainer(w, c, configMaps, secrets, ctx)
      out.set(`${w.kind}/${w.name}/${c.name}`, Object.fromEntries(Object.entries(r.env).map(([k, v]) => [k, v.value])))
    }
  }
  return out
}

/**
 * A chart-rendered value that differs when the chart renders without regcfg's values: regcfg's when
 * values.yaml holds it (or the chart has no such variable without it); otherwise the chart computed
 * it from regcfg's values, or generates it anew on each render (randAlphaNum).
 */
function explained(v: RenderedVar, base: string | undefined, values: string): RenderedVar {
  if (base === undefined || (v.value !== '' && values.includes(v.value))) return { ...v, origin: 'regcfg', detail: `${VALUES} → ${v.detail}` }
  return { ...v, detail: `${v.detail}; computed from ${VALUES} or generated at each render (it differs without regcfg's values)` }
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

export const renderHelm = (input: RenderInput): Promise<RenderResult> => renderHelmSurface('helm', input)
export const renderHelmStack = (input: RenderInput): Promise<RenderResult> => renderHelmSurface('helm-stack', input)
