/**
 * "model = render": for every example × surface, the container environment regcfg's own model
 * (src/runtime/container-env.ts, what `serve --from` and conformance without a checkout use)
 * predicts for the auth-server equals what the registry's own files make of regcfg's output, rendered
 * by the real tool — for every variable the model sets and every variable regcfg's auth-server reads (runtimeReads). A
 * value the deployment makes itself (a random_password, a Secret a hook Job writes) is a placeholder
 * in the render; the model must say the same (it cannot know the value either).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compileSpec } from '../../conformance/surfaces.js'
import type { Surface } from '../../src/compiler/types.js'
import { runtimeReads } from '../../src/runtime/config.js'
import { containerEnv } from '../../src/runtime/container-env.js'
import { targetFor } from '../../targets/index.js'
import { REGISTRY } from './_setup.js'

const SURFACES: Surface[] = ['env', 'terraform', 'helm', 'helm-stack']

const examples = readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort()

describe('model = render: the auth-server container, every example × surface', () => {
  for (const f of examples) {
    const c = compileSpec(`examples/${f}`, readFileSync(`examples/${f}`, 'utf8'), SURFACES)
    for (const surface of SURFACES) {
      it(`${f} on ${surface}`, async () => {
        const files = c.files.get(surface)!
        const processEnv = targetFor(surface).toolEnv?.(c.processEnv, c.analysis.params!) ?? c.processEnv
        const model = await containerEnv(surface, files, { processEnv: c.processEnv, readFile: (p) => { throw new Error(`no file references in the examples (${p})`) } })
        const render = await targetFor(surface).render!({ registryDir: REGISTRY, files, processEnv })
        const rendered = render.containers['auth-server']!.env
        const renderedValues = Object.fromEntries(Object.entries(rendered).map(([k, v]) => [k, v.value]))
        const compared = new Set([...Object.keys(model.env), ...runtimeReads(model.env), ...runtimeReads(renderedValues)])
        const differences: string[] = []
        for (const name of [...compared].sort()) {
          const r = rendered[name]
          const got = r === undefined ? undefined : r.origin === 'placeholder' ? '<made by the deployment>' : r.value
          const want = name in model.generated ? '<made by the deployment>' : model.env[name]
          if ((want ?? '') !== (got ?? '')) differences.push(`${name}: model ${show(want, r?.secret)}, render ${show(got, r?.secret)}${r ? ` (${r.origin}${r.detail ? `: ${r.detail}` : ''})` : ''}`)
        }
        expect(differences, `${f} on ${surface}:\n  ${differences.join('\n  ')}`).toEqual([])
      })
    }
  }
})

const show = (v: string | undefined, secret?: boolean): string => (v === undefined ? '(unset)' : secret && v !== '<made by the deployment>' ? '<secret>' : JSON.stringify(v))
