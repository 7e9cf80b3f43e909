/**
 * The Terraform (ECS) renderer: regcfg's terraform.tfvars (+ secrets.auto.tfvars, + the user's
 * TF_VAR_*) → the REAL terraform evaluating the registry's own module → each container's environment.
 *
 * The registry's terraform/aws-ecs is assembled once per checkout (render-assemble.ts) into an
 * outputs-only configuration and `terraform init`ed in the OS temp folder, keyed by a hash of the
 * checkout's .tf files. A render then runs `terraform console` on it with the emitted var files, and
 * `terraform plan -json` when terraform has something to say (a required variable nobody set, a value
 * it rejects), whose diagnostics become the result's problems.
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { diag } from '../../src/compiler/diagnostics.js'
import type { Diagnostic } from '../../src/compiler/types.js'
import { findTool, redact, RegistryCheckoutError, RenderToolMissing, runTool, toolVersion, type RunOutput } from '../_render/tools.js'
import type { RenderInput, RenderResult, ToolRun } from '../_render/types.js'
import { hcl2json } from './hcl-expr.js'
import { assemble, ASSEMBLY_VERSION, RENDER_LOCAL, type SourceFile } from './render-assemble.js'
import { tfDiagnostics, toDiagnostics } from './render-diagnostics.js'
import { readContainers, type Evaluated, type Provenance } from './render-env.js'
import type { RenderMeta } from './render-meta.js'

/** The registry's ECS configuration, relative to a checkout. */
export const TERRAFORM_ROOT = 'terraform/aws-ecs'
/** Canonical container key → the container's name in the module (the parameter map's reads: use the same names). */
export const ECS_CONTAINERS: Record<string, string> = Object.fromEntries(['auth-server', 'registry', 'mcpgw-server', 'keycloak', 'grafana', 'metrics-service'].map((n) => [n, n]))

const TF_ENV = { TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' }
const EXPRESSION = `nonsensitive(base64encode(jsonencode(local.${RENDER_LOCAL})))\n`

interface Prepared {
  dir: string
  meta: RenderMeta
  init?: ToolRun
}

const prepared = new Map<string, Promise<Prepared>>()
const initReported = new WeakSet<Prepared>()

export async function renderTerraform(input: RenderInput): Promise<RenderResult> {
  const result: RenderResult = { surface: 'terraform', tools: [], containers: {}, substitutions: [], problems: [] }
  const registryDir = resolve(input.registryDir)
  const rootAbs = join(registryDir, TERRAFORM_ROOT)
  if (!existsSync(join(rootAbs, 'variables.tf'))) throw new RegistryCheckoutError(registryDir, `${TERRAFORM_ROOT}/variables.tf`)
  const files = readTfFiles(registryDir, TERRAFORM_ROOT)
  let p: Prepared
  try {
    p = await prepare(registryDir, files)
  } catch (e) {
    if (e instanceof RenderToolMissing) throw e
    result.problems.push(diag('RC7102', { surface: 'terraform' }, { summary: `the render could not prepare ${TERRAFORM_ROOT}`, detail: `: ${String(e instanceof Error ? e.message : e).slice(0, 800)}`, hint: 'The registry\'s Terraform configuration has a shape the render does not lift; run terraform plan there to see whether terraform accepts it.' }))
    return result
  }
  if (p.init && !initReported.has(p)) {
    initReported.add(p) // the render that built the configuration ran terraform init; later ones do not
    result.tools.push(p.init)
  }
  const version = await toolVersion('terraform')

  const work = mkdtempSync(join(tmpdir(), 'regcfg-tf-render-'))
  try {
    const varFiles = writeVarFiles(work, input.files)
    const prov = await provenance(p.meta, input, varFiles)
    const env = { ...TF_ENV, ...tfVarEnv(p.meta, input.processEnv) }
    const fileArgs = [...varFiles.keys()].map((f) => `-var-file=${f}`)
    const placeholderArgs = [...prov.missing].map(([name, token]) => `-var=${name}=${token}`)
    const plan = (extra: string[]) => runTool('terraform', ['plan', '-json', '-input=false', '-lock=false', '-refresh=false', ...fileArgs, ...extra], { cwd: p.dir, env })
    const [consoleRun, missingPlan] = await Promise.all([
      runTool('terraform', ['console', `-state=${join(work, 'console.tfstate')}`, ...fileArgs, ...placeholderArgs], { cwd: p.dir, env, input: EXPRESSION }),
      prov.missing.size > 0 ? plan([]) : undefined,
    ])
    const runs: RunOutput[] = [consoleRun, ...(missingPlan ? [missingPlan] : [])]
    const values = decodeConsole(consoleRun.stdout)
    let diagnostics = missingPlan ? tfDiagnostics(missingPlan.stdout) : []
    const consoleComplained = consoleRun.code !== 0 || values === undefined || /\b(Error|Warning)\b/.test(consoleRun.stderr)
    // terraform console takes a var file's undeclared names without a word; plan warns about them
    const undeclared = [...prov.tfvars.keys()].some((k) => !p.meta.rootVars[k])
    if ((consoleComplained || undeclared) && !diagnostics.some((d) => d.summary !== 'No value for required variable')) {
      const again = await plan(placeholderArgs)
      runs.push(again)
      diagnostics = [...diagnostics, ...tfDiagnostics(again.stdout)]
    }
    const ctx = { meta: p.meta, registryDir, varFiles }
    // terraform does not echo sensitive values; a secret is masked all the same should a message hold one
    const mask = (d: Diagnostic): Diagnostic => ({ ...d, message: redact(d.message, prov.secretValues), ...(d.hint ? { hint: redact(d.hint, prov.secretValues) } : {}) })
    result.problems.push(...dedupe(toDiagnostics(diagnostics, ctx)).map(mask))
    if (values === undefined && !result.problems.some((d) => d.severity === 'error')) {
      result.problems.push(diag('RC7102', { surface: 'terraform' }, { summary: 'terraform console gave no value', detail: `: ${redact(plainText(consoleRun.stderr || consoleRun.stdout), prov.secretValues).slice(0, 600)}`, hint: 'Run terraform plan in terraform/aws-ecs with the same files; it shows the same.' }))
    }
    for (const n of p.meta.notes) result.problems.push(diag('RC7104', { surface: 'terraform' }, { summary: 'the render lifted less than the module defines', detail: `: ${n}`, hint: 'The module changed shape; the render reports what it could lift.' }))
    if (values) {
      const read = readContainers(p.meta, values, prov)
      result.containers = read.containers
      result.substitutions = read.substitutions
    }
    result.tools.push(...runs.map((r) => ({ ...r.run, version })))
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  return result
}

/** Every .tf file under the root (the root's and its modules'), as text, in a stable order. */
function readTfFiles(registryDir: string, rootDir: string): SourceFile[] {
  const out: SourceFile[] = []
  const walk = (rel: string) => {
    for (const e of readdirSync(join(registryDir, rel)).sort()) {
      if (e.startsWith('.')) continue
      const p = `${rel}/${e}`
      const st = statSync(join(registryDir, p))
      if (st.isDirectory()) walk(p)
      else if (e.endsWith('.tf')) out.push({ path: p, text: readFileSync(join(registryDir, p), 'utf8') })
    }
  }
  walk(rootDir)
  return out
}

/** The assembled configuration, `terraform init`ed: from this process, the OS temp folder, or built now. */
function prepare(registryDir: string, files: SourceFile[]): Promise<Prepared> {
  const h = createHash('sha256').update(`${ASSEMBLY_VERSION}\0${findTool('terraform')}\0${registryDir}\0${JSON.stringify(ECS_CONTAINERS)}\0`)
  for (const f of files) h.update(`${f.path}\0${f.text}\0`)
  const key = h.digest('hex').slice(0, 24)
  let p = prepared.get(key)
  if (!p) {
    p = build(registryDir, files, key)
    prepared.set(key, p)
    p.catch(() => prepared.delete(key))
  }
  return p
}

const cacheRoot = (): string => join(tmpdir(), 'regcfg-render-terraform')

async function build(registryDir: string, files: SourceFile[], key: string): Promise<Prepared> {
  const dir = join(cacheRoot(), key)
  const cached = loadCached(dir)
  if (cached) return { dir, meta: cached }
  const { files: config, meta } = await assemble({ rootDir: TERRAFORM_ROOT, registryDir, files, containers: ECS_CONTAINERS })
  mkdirSync(cacheRoot(), { recursive: true })
  const staging = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`
  try {
    for (const [rel, content] of Object.entries(config)) {
      mkdirSync(join(staging, rel, '..'), { recursive: true })
      writeFileSync(join(staging, rel), content)
    }
    const init = await runTool('terraform', ['init', '-input=false', '-backend=false', '-no-color'], { cwd: staging, env: TF_ENV })
    if (init.code !== 0) throw new Error(`terraform init of the assembled configuration failed: ${plainText(init.stderr || init.stdout).slice(0, 800)}`)
    writeFileSync(join(staging, 'meta.json'), JSON.stringify(meta))
    try {
      renameSync(staging, dir)
    } catch {
      // another process finished first: use its copy
      rmSync(staging, { recursive: true, force: true })
      const theirs = loadCached(dir)
      if (theirs) return { dir, meta: theirs }
      throw new Error(`cannot use the render cache ${dir}`)
    }
    return { dir, meta, init: { ...init.run, version: await toolVersion('terraform') } }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true })
    throw e
  }
}

function loadCached(dir: string): RenderMeta | undefined {
  try {
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as RenderMeta
    return meta.version === ASSEMBLY_VERSION && existsSync(join(dir, '.terraform', 'modules', 'modules.json')) ? meta : undefined
  } catch {
    return undefined
  }
}

const VAR_FILE = /(^|\/)[^/]+\.tfvars(\.json)?$/
const isAuto = (f: string): boolean => /\.auto\.tfvars(\.json)?$/.test(f)

/** The emitted var files, in the order terraform loads them (terraform.tfvars, then *.auto.tfvars): path → name and text. */
function writeVarFiles(work: string, files: Readonly<Record<string, string>>): Map<string, { name: string; text: string }> {
  const names = Object.keys(files).filter((f) => VAR_FILE.test(f)).sort((a, b) => Number(isAuto(a)) - Number(isAuto(b)) || a.localeCompare(b))
  const out = new Map<string, { name: string; text: string }>()
  names.forEach((name, i) => {
    const path = join(work, `${i}-${name.replace(/.*\//, '')}`)
    writeFileSync(path, files[name]!, { mode: 0o600 })
    out.set(path, { name, text: files[name]! })
  })
  return out
}

/** TF_VAR_<name> of the process environment, for the variables the configuration declares. */
function tfVarEnv(meta: RenderMeta, env: RenderInput['processEnv']): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of Object.keys(meta.rootVars)) {
    const v = env[`TF_VAR_${name}`]
    if (v !== undefined) out[`TF_VAR_${name}`] = v
  }
  return out
}

/** Which variables the var files and TF_VAR_ set; required ones nobody set get a placeholder token. */
async function provenance(meta: RenderMeta, input: RenderInput, varFiles: ReadonlyMap<string, { name: string; text: string }>): Promise<Provenance & { secretValues: string[] }> {
  const tfvars = new Map<string, string>()
  const secretValues: string[] = []
  const h = await hcl2json()
  for (const { name, text } of varFiles.values()) {
    try {
      const vars = (name.endsWith('.json') ? JSON.parse(text) : await h.parse(name, text)) as Record<string, unknown>
      for (const [k, v] of Object.entries(vars)) {
        tfvars.set(k, name)
        if (meta.rootVars[k]?.sensitive && typeof v === 'string') secretValues.push(v)
      }
    } catch {
      /* terraform reports the syntax error with its position */
    }
  }
  for (const n of Object.keys(meta.rootVars)) if (input.processEnv[`TF_VAR_${n}`]) secretValues.push(input.processEnv[`TF_VAR_${n}`]!)
  const userEnv = new Set(Object.keys(meta.rootVars).filter((n) => input.processEnv[`TF_VAR_${n}`] !== undefined && !tfvars.has(n)))
  const missing = new Map<string, string>()
  for (const [name, v] of Object.entries(meta.rootVars)) if (v.required && v.type === 'string' && !tfvars.has(name) && !userEnv.has(name)) missing.set(name, `<var.${name}>`)
  return { tfvars, userEnv, missing, secretValues }
}

/** `terraform console` prints the expression's value: here a quoted base64 string. */
function decodeConsole(stdout: string): Evaluated | undefined {
  const line = stdout.split('\n').map((l) => plainText(l).trim()).find((l) => /^"[A-Za-z0-9+/=]*"$/.test(l))
  if (!line) return undefined
  try {
    return JSON.parse(Buffer.from(line.slice(1, -1), 'base64').toString('utf8')) as Evaluated
  } catch {
    return undefined
  }
}

// eslint-disable-next-line no-control-regex
const plainText = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '').replace(/[│╷╵]/g, '').replace(/[ \t]+\n/g, '\n').trim()

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>()
  return ds.filter((d) => {
    const k = `${d.code}|${d.message}|${d.file ?? ''}|${d.line ?? ''}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
