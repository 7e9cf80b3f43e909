/**
 * `regcfg check --registry DIR`: the drift that reaches the container. Each deployment file given is
 * rendered with the real tool on the registry checkout, and so is what the spec compiles to for that
 * surface; every auth-server variable whose value differs between the two renders is a drift, even when
 * the files' own keys agree (a value the deployment replaces, a compose default that fills a gap), and a
 * difference in a file that never reaches the container is not one. Secret values are compared, never shown.
 */
import { containerName, parameterMap, pointerOf } from '../../compiler/map.js'
import type { Analysis } from '../../compiler/index.js'
import type { Diagnostic, Surface } from '../../compiler/types.js'
import type { Drift } from '../../compiler/check.js'
import { secretParameterNames } from '../../../targets/_render/secrecy.js'
import type { RenderedVar } from '../../../targets/_render/types.js'
import { targetFor } from '../../../targets/index.js'
import { UserError } from '../../errors.js'
import type { Host } from '../host.js'
import { renderEnv } from './_render-env.js'
import { renderSetupProblem } from './_shared.js'

export interface GivenFiles {
  surface: Surface
  /** The user's files of the surface, by the names the renderer expects (.env, values.yaml, ...). */
  files: Record<string, string>
  label: string
}

export async function renderedDrift(host: Host, a: Analysis, specFiles: ReadonlyMap<Surface, Record<string, string>>, given: readonly GivenFiles[], registryDir: string): Promise<{ drifts: Drift[]; problems: Diagnostic[] }> {
  const drifts: Drift[] = []
  const problems: Diagnostic[] = []
  const secret = secretParameterNames()
  const idOf = new Map(parameterMap().parameters.flatMap((p) => (containerName(p) ? [[containerName(p)!, p.id] as const] : [])))
  for (const g of given) {
    const target = targetFor(g.surface)
    if (!target.render) continue
    const processEnv = renderEnv(host, g.surface, a.params!)
    const ours = specFiles.get(g.surface)!
    const theirs = { ...ours, ...g.files }
    let renders
    try {
      renders = await Promise.all([ours, theirs].map((files) => target.render!({ registryDir, files, processEnv })))
    } catch (e) {
      const problem = renderSetupProblem(e)
      if (problem) throw new UserError(`check --registry: ${problem}`)
      throw e
    }
    const [want, got] = renders.map((r) => r.containers['auth-server']?.env ?? {}) as [Record<string, RenderedVar>, Record<string, RenderedVar>]
    problems.push(...renders[1]!.problems.map((d) => ({ ...d, message: `${g.label}: ${d.message}` })))
    for (const name of [...new Set([...Object.keys(want), ...Object.keys(got)])].sort()) {
      const w = want[name]
      const h = got[name]
      if (w?.value === h?.value) continue
      const hidden = secret.has(name) || w?.secret || h?.secret
      const show = (v: RenderedVar | undefined) => (v === undefined ? undefined : hidden ? '<a secret value>' : JSON.stringify(v.value))
      drifts.push({ kind: 'rendered', surface: g.surface, names: {}, ...(idOf.has(name) ? { id: idOf.get(name)!, pointer: pointerOf(idOf.get(name)!) } : {}), ...optional('expected', show(w)), ...optional('actual', show(h)), file: g.label, key: name })
    }
  }
  return { drifts, problems }
}

const optional = <K extends string>(k: K, v: string | undefined): Partial<Record<K, string>> => (v === undefined ? {} : ({ [k]: v } as Record<K, string>))
