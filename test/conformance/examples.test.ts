import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { startMongo, type MongoServer } from '../../conformance/harness/mongo.js'
import { unsupported } from '../../conformance/providers.js'
import { runConformance } from '../../conformance/runner.js'
import { renderVerdict } from '../../conformance/verdict.js'
import { REGISTRY } from '../render/_setup.js'

/**
 * An example that is not a deployment to start says so in a comment line of its own,
 * `# conformance: not run (<reason>)` (examples/full.yaml: a showcase of every group), read here and by
 * bench/conformance.mjs.
 */
const NOT_RUN = /^# conformance: not run \((.+)\)$/m
const notRun = (f: string): string | undefined => NOT_RUN.exec(readFileSync(`examples/${f}`, 'utf8'))?.[1]

/**
 * The suite on every example spec, twice: each surface's environment from regcfg's model, and from
 * the real render of the registry checkout (../shared/registry). Providers the runtime cannot serve
 * yet are skipped with the reason.
 */
const all = readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort()
const examples = all.filter((f) => !notRun(f))
for (const f of all.filter(notRun)) console.log(`conformance: examples/${f} not run: ${notRun(f)}`)
const providerOf = (f: string): string => (parse(readFileSync(`examples/${f}`, 'utf8')) as { auth?: { provider?: string } }).auth?.provider ?? 'keycloak'

describe('conformance: every example, every surface', () => {
  let mongo: MongoServer
  beforeAll(async () => {
    mongo = await startMongo()
  })
  afterAll(async () => mongo?.stop())

  for (const f of examples) {
    const why = unsupported(providerOf(f))
    for (const registryDir of [undefined, REGISTRY]) {
      const how = registryDir ? 'every surface rendered from the registry checkout' : 'the model'
      it.skipIf(why !== undefined)(`${f}, ${how}${why ? ` (skipped: ${why})` : ''}`, async () => {
        const r = await runConformance(`examples/${f}`, { mongo, ...(registryDir ? { registryDir } : {}) })
        const text = renderVerdict(r.verdict, `conformance matrix for examples/${f}, ${how} (${r.notes.join('; ')})`)
        console.log(text)
        expect(r.verdict.ok, text).toBe(true)
        if (registryDir) for (const s of r.verdict.surfaces) expect(r.notes.find((n) => n.startsWith(`${s}: `)), s).toMatch(/^[a-z-]+: rendered by /)
      }, 120_000) // a whole run with Chromium: ~10 s here, several times that on a loaded machine
    }
    if (why) console.log(`conformance: examples/${f} skipped: ${why}`)
  }
})
