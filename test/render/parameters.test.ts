/**
 * Each parameter's path is proven, not asserted: one case per parameter × surface, generated from
 * the parameter map. Every parameter gets a distinctive value in a generated spec (one per provider,
 * _parameter-specs.ts); each spec is compiled and rendered once per surface with the real tool
 * (_parameter-renders.ts); a case finds the value in the containers that read it, or finds that the
 * surface does not carry what the map says it cannot (_parameter-judge.ts). A parameter added to
 * the map gets its cases without a line here.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { parameterMap, type ParameterDef } from '../../src/compiler/map.js'
import { SURFACES, type Surface } from '../../src/compiler/types.js'
import { homeOf, unprovenOf } from './_parameter-specs.js'
import { judge } from './_parameter-judge.js'
import { renderAll, type BatchRender } from './_parameter-renders.js'
import type { ProbeSurface } from './_parameter-probes.js'

let renders: Map<string, BatchRender>
beforeAll(async () => {
  renders = await renderAll()
}, 300_000)

const mask = (s: string, secrets: string[]) => secrets.reduce((t, v) => t.split(v).join('<secret>'), s)

describe.each(parameterMap().parameters.map((p) => [p.id, p] as const))('%s', (_, p) => {
  const unproven = unprovenOf(p)
  if (unproven) return it.skip(`${SURFACES.join(', ')}: ${unproven}`)
  for (const s of SURFACES) if (p.surfaces[s].unproven) it.skip(`${s}: ${p.surfaces[s].unproven}`)
  it.each(SURFACES.filter((s) => !p.surfaces[s].unproven).map((s) => [s]))('%s', (surface) => {
    const br = renders.get(homeOf(p))!
    const pr = br.probes.get(surface as ProbeSurface)
    const probe = pr?.probes.get(p.id)
    const v = judge(p, surface, br.params, br.batch.processEnv, br.renders.get(surface)!, probe && { ...probe, render: pr!.render })
    expect(v.ok, mask(v.detail, br.secretValues)).toBe(true)
  })
})

describe('the judge fails a map entry the render contradicts (so a wrong map cannot pass)', () => {
  const def = (id: string) => structuredClone(parameterMap().parameters.find((p) => p.id === id)!)
  const verdict = (p: ParameterDef, surface: Surface) => {
    const br = renders.get(homeOf(p))!
    return judge(p, surface, br.params, br.batch.processEnv, br.renders.get(surface)!)
  }
  it('a misspelt container variable', () => {
    const p = def('registry.name')
    p.surfaces.env.name = 'REGISTRY_NAMEX'
    expect(verdict(p, 'terraform')).toMatchObject({ ok: false, detail: expect.stringContaining('gets it as REGISTRY_NAME, not REGISTRY_NAMEX') })
  })
  it('a reader the surface does not pass it to', () => {
    const p = def('registry.ui.showServersTab')
    p.reads = [...p.reads!, 'auth-server']
    expect(verdict(p, 'env')).toMatchObject({ ok: false, detail: expect.stringContaining('auth-server has SHOW_SERVERS_TAB unset') })
  })
  it('"cannot carry" where the render shows the value', () => {
    const p = def('registry.name')
    p.surfaces.terraform = { absent: 'pretend the module has no such variable' }
    expect(verdict(p, 'terraform').ok).toBe(false)
  })
  it('a misses that the surface does pass it to', () => {
    const p = def('registry.name')
    p.surfaces.env.misses = ['registry']
    expect(verdict(p, 'env')).toMatchObject({ ok: false, detail: expect.stringContaining('drop them from misses') })
  })
})
