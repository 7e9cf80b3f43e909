import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { startMongo, type MongoServer } from '../../conformance/harness/mongo.js'
import { unsupported } from '../../conformance/providers.js'
import { runConformance } from '../../conformance/runner.js'
import { renderVerdict } from '../../conformance/verdict.js'
import { REGISTRY } from '../render/_setup.js'

/**
/**
 * Examples that are not deployments to start: full.yaml shows the syntax of every group of the map,
 * and points storage at a DocumentDB cluster over TLS with a CA file and egress, federation and
 * OTLP at hosts that do not exist. The auth it configures (Keycloak) is keycloak.yaml's, which runs.
 */
const NOT_FOR_CONFORMANCE: Record<string, string> = {
  'full.yaml': 'a showcase of every parameter group; its storage and peers are not reachable, its Keycloak auth is keycloak.yaml\'s',
}

/**
 * The suite on every example spec, twice: each surface's environment from regcfg's model, and from
 * the real render of the registry checkout (../shared/registry). Providers the runtime cannot serve
 * yet are skipped with the reason.
 */
const examples = readdirSync('examples').filter((f) => f.endsWith('.yaml') && !(f in NOT_FOR_CONFORMANCE)).sort()
for (const [f, why] of Object.entries(NOT_FOR_CONFORMANCE)) console.log(`conformance: examples/${f} excluded: ${why}`)
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
