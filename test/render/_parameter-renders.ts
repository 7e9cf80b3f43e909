/**
 * The renders the parameter cases read: each generated spec compiled to every surface and rendered
 * once with the real tool (targetFor(surface).render), a few at a time. Secrets are stand-ins made
 * here, given to the renderers as the process environment; nothing is written to the work tree.
 */
import { randomBytes } from 'node:crypto'
import { stringify } from 'yaml'
import { analyze } from '../../src/compiler/index.js'
import { emitSurfaces } from '../../src/surfaces/emit.js'
import { isSecretRef, SURFACES, type CanonicalParams, type ParameterId, type Surface } from '../../src/compiler/types.js'
import type { RenderResult } from '../../targets/_render/types.js'
import { targetFor } from '../../targets/index.js'
import { probeInput, PROBE_SURFACES, type Probe, type ProbeSurface } from './_parameter-probes.js'
import { buildBatches, ENV_SECRET, type Batch } from './_parameter-specs.js'
import { REGISTRY } from './_setup.js'

export interface BatchRender {
  batch: Batch
  /** The canonical parameters the compiler made of the spec (derived ones included). */
  params: CanonicalParams
  /** The emitted files per surface. */
  files: Map<Surface, Record<string, string>>
  renders: Map<Surface, RenderResult>
  /** The renders with the absent parameters' variables set anyway, and what was set (_parameter-probes.ts). */
  probes: Map<ProbeSurface, { render: RenderResult; probes: Map<ParameterId, Probe> }>
  /** Every stand-in secret value, so a failure message can mask them. */
  secretValues: string[]
}

const CONCURRENCY = 3

async function pool<T>(jobs: (() => Promise<T>)[], n: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length)
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++
      out[i] = await jobs[i]!()
    }
  }
  await Promise.all(Array.from({ length: Math.min(n, jobs.length) }, worker))
  return out
}

function compileBatch(batch: Batch): Omit<BatchRender, 'renders' | 'probes'> {
  const a = analyze(`render-cases-${batch.provider}.yaml`, stringify(batch.spec))
  const errors = a.diagnostics.filter((d) => d.severity === 'error')
  if (!a.params || errors.length) throw new Error(`the generated ${batch.provider} spec does not compile: ${errors.map((d) => `${d.code} ${d.pointer ?? ''} ${d.message}`).join('; ')}`)
  const secrets = new Map<ParameterId, string>()
  for (const [id, v] of a.params) if (isSecretRef(v) && 'env' in v && batch.processEnv[v.env] !== undefined) secrets.set(id, batch.processEnv[v.env]!)
  const files = new Map<Surface, Record<string, string>>()
  for (const s of SURFACES) {
    // terraform gets its secrets the way --write-secrets delivers them (secrets.auto.tfvars)
    const r = emitSurfaces(a, [s], { secrets, writeSecrets: s === 'terraform', envSecretName: ENV_SECRET, specName: `render-cases-${batch.provider}.yaml` }).get(s)!
    const bad = r.diagnostics.filter((d) => d.severity === 'error')
    if (bad.length) throw new Error(`the generated ${batch.provider} spec does not emit on ${s}: ${bad.map((d) => `${d.code} ${d.message}`).join('; ')}`)
    files.set(s, Object.fromEntries(r.files.map((f) => [f.path, f.content])))
  }
  return { batch, params: a.params, files, secretValues: Object.values(batch.processEnv) }
}

let cached: Promise<Map<string, BatchRender>> | undefined

/** Every batch compiled and rendered on every surface (once per test run). */
export function renderAll(): Promise<Map<string, BatchRender>> {
  cached ??= (async () => {
    const compiled = buildBatches(() => `s3cr3t-${randomBytes(9).toString('hex')}`).map(compileBatch)
    const render = (s: Surface, files: Record<string, string>, processEnv: Record<string, string>) => targetFor(s).render!({ registryDir: REGISTRY, files, processEnv })
    const jobs = compiled.flatMap((c) => [
      ...SURFACES.map((s) => async () => ({ c, s, r: await render(s, c.files.get(s)!, c.batch.processEnv) })),
      ...PROBE_SURFACES.map((s) => async () => {
        const input = probeInput(s, c.params, c.files.get(s)!, c.batch.processEnv)
        return { c, s, probe: input.probes, r: await render(s, input.files, input.processEnv) }
      }),
    ])
    const done = await pool<{ c: (typeof compiled)[number]; s: Surface; r: RenderResult; probe?: Map<ParameterId, Probe> }>(jobs, CONCURRENCY)
    const out = new Map<string, BatchRender>()
    for (const c of compiled) out.set(c.batch.provider, { ...c, renders: new Map(), probes: new Map() })
    for (const { c, s, r, probe } of done) {
      const br = out.get(c.batch.provider)!
      if (probe) br.probes.set(s as ProbeSurface, { render: r, probes: probe })
      else br.renders.set(s, r)
    }
    return out
  })()
  return cached
}
