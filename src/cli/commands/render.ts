import { hasErrors } from '../../compiler/index.js'
import { SURFACES, type Diagnostic, type Surface } from '../../compiler/types.js'
import { targetFor } from '../../../targets/index.js'
import { secretParameterNames } from '../../../targets/_render/secrecy.js'
import type { RenderedVar, RenderResult } from '../../../targets/_render/types.js'
import { ExitStatus } from '../exit.js'
import { UserError } from '../../errors.js'
import type { Host } from '../host.js'
import { renderEnv } from './_render-env.js'
import { registryDirOf, renderSetupProblem, report, type Flags } from './_shared.js'
import { compileSpec } from './compile.js'

export const renderHelp = `regcfg render SPEC --surface env|terraform|helm|helm-stack --registry DIR [--container auth-server|registry] [--format text|json] [--explain]
  Compiles SPEC in memory and renders the surface's files with the REAL deployment tool on DIR, a
  checkout of the registry at the version you deploy: docker compose config (env), helm template +
  create-env-secret.sh in dry-run mode (helm, helm-stack). Prints the container's environment as the
  deployment would give it (sorted, secret values masked), the tool versions run, what the render
  substituted (placeholders for what only a real deployment has), and the problems the tool shows.
    --container  auth-server (default) or registry
    --explain    where each value came from: regcfg's file, your environment, the compose default,
                 a compose literal, the chart, the module, a placeholder
  Secrets the spec references are read from the environment, as compile reads them.
  Exit 0 the render has no problems, 1 it has, 2 usage or I/O error (no DIR, no tool).`

const MASK = '***'

function surfaceOf(flag: unknown): Surface {
  if (typeof flag === 'string' && (SURFACES as readonly string[]).includes(flag)) return flag as Surface
  throw new UserError(`--surface must be one of ${SURFACES.join(', ')}${flag ? ` (got "${String(flag)}")` : ''}`)
}

const shown = (name: string, v: RenderedVar, secret: ReadonlySet<string>): string => (v.secret || secret.has(name) ? MASK : v.value)

export async function runRender(host: Host, [spec]: string[], flags: Flags): Promise<ExitStatus> {
  const surface = surfaceOf(flags.surface)
  const registryDir = registryDirOf(flags.registry, 'render')!
  const container = typeof flags.container === 'string' ? flags.container : 'auth-server'
  const target = targetFor(surface)
  if (!target.render) throw new UserError(`render: the ${surface} surface has no renderer`)
  const compiled = compileSpec(host, spec!, [surface], false, flags)
  if (!compiled) return ExitStatus.Findings
  const { a, sources } = compiled
  const emitted = compiled.results.get(surface)!
  const compileDs = [...a.diagnostics, ...emitted.diagnostics]
  if (hasErrors(compileDs)) {
    report(host, compileDs, flags, sources)
    return ExitStatus.Findings
  }
  const files = Object.fromEntries(emitted.files.map((f) => [f.path, f.content]))
  let result: RenderResult
  const started = performance.now()
  try {
    result = await target.render({ registryDir, files, processEnv: renderEnv(host, surface, a.params!), explain: flags.explain === true })
  } catch (e) {
    const problem = renderSetupProblem(e)
    if (problem) throw new UserError(`render: ${problem}`)
    throw e
  }
  const renderMs = Math.round(performance.now() - started)
  const c = result.containers[container]
  const ds: Diagnostic[] = [...compileDs, ...result.problems]
  if (!c && Object.keys(result.containers).length > 0) ds.push({ code: 'RC7002', severity: 'error', message: `the render has no container "${container}" (it has: ${Object.keys(result.containers).sort().join(', ')})`, hint: 'Pass --container auth-server or --container registry.', surface })
  const secret = secretParameterNames()
  if (flags.format === 'json') {
    const env = c ? Object.fromEntries(Object.entries(c.env).map(([k, v]) => [k, { ...v, value: shown(k, v, secret) }])) : {}
    report(host, ds, flags, sources, { surface, registry: registryDir, container, source: c?.source, env, renderMs, tools: result.tools, substitutions: result.substitutions, workloads: result.workloads ?? [] })
  } else {
    host.stdout(textReport(result, container, c, secret, flags.explain === true, renderMs))
    report(host, ds, flags, sources)
  }
  return hasErrors(ds) ? ExitStatus.Findings : ExitStatus.Ok
}

function textReport(r: RenderResult, name: string, c: RenderResult['containers'][string] | undefined, secret: ReadonlySet<string>, explain: boolean, ms: number): string {
  const out: string[] = []
  out.push(`# ${r.surface}: ${name}${c ? ` (${c.source})` : ' (not rendered)'}, rendered in ${ms} ms`)
  for (const t of r.tools) out.push(`# ran ${t.tool} ${t.version}: ${t.argv.slice(0, 3).join(' ')}${t.argv.length > 3 ? ' …' : ''} (${t.ms} ms)`)
  if (c) {
    const width = explain ? Math.max(0, ...Object.entries(c.env).map(([k, v]) => k.length + 1 + shown(k, v, secret).length)) : 0
    for (const [k, v] of Object.entries(c.env)) {
      const line = `${k}=${shown(k, v, secret)}`
      out.push(explain ? `${line.padEnd(width)}  # ${v.origin}${v.detail ? `: ${v.detail}` : ''}` : line)
    }
  }
  if (r.substitutions.length) {
    out.push('# substituted:')
    for (const s of r.substitutions) out.push(`#   ${s.what}: ${s.why}`)
  }
  if (r.workloads?.length) out.push(`# deploys: ${r.workloads.join(', ')}`)
  return out.join('\n') + '\n'
}

