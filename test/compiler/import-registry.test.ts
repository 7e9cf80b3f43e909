/**
 * The registry's own example files, imported: the spec validates as it is, and compiling it to the
 * same surface gives back every value of the file that maps to a parameter — or import reported
 * that value (unknown key, secret moved to a reference, empty value read as unset, a value the spec
 * cannot hold). Values are compared as canonical parameters, after each surface's parser read them:
 * quoting is gone, "8" and 8 are the integer 8, "5.0" and 5 the number 5, "true" and true the
 * boolean, a comma-separated string and a list the same list.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import { importSurface, renderSpec, type Imported } from '../../src/compiler/import.js'
import { analyze, emitSurfaces } from '../../src/compiler/index.js'
import { bindingNames, parameterMap } from '../../src/compiler/map.js'
import { isSecretRef, type CanonicalParams, type ParameterId, type Surface } from '../../src/compiler/types.js'
import { parseDotenv } from '../../targets/env/dotenv-parse.js'
import { targetFor } from '../../targets/index.js'

const REGISTRY = resolve(process.env.REGCFG_TEST_REGISTRY ?? resolve(import.meta.dirname, '../../../shared/registry'))
if (!existsSync(resolve(REGISTRY, 'docker-compose.yml'))) throw new Error(`these tests need the registry checkout at ${REGISTRY} (../shared/registry from the project root, or set REGCFG_TEST_REGISTRY)`)

/** Each example file, keyed as its surface's parser expects it. */
export const REGISTRY_EXAMPLES: { file: string; surface: Surface; as: string }[] = [
  { file: '.env.example', surface: 'env', as: '.env' },
  { file: 'terraform/aws-ecs/terraform.tfvars.example', surface: 'terraform', as: 'terraform.tfvars' },
  { file: 'charts/auth-server/values.yaml', surface: 'helm', as: 'values.yaml' },
  { file: 'charts/mcp-gateway-registry-stack/values.yaml', surface: 'helm-stack', as: 'values.yaml' },
]

/** The keys of a surface file, flat: .env names, tfvars variables, Helm leaf paths. */
async function rawKeys(surface: Surface, text: string): Promise<string[]> {
  if (surface === 'env') return parseDotenv(text).entries.map((e) => e.key)
  if (surface === 'terraform') {
    const { default: h2j } = await import('@cdktf/hcl2json')
    return Object.keys((await h2j.parse('terraform.tfvars', text)) as object)
  }
  const leaves = (v: unknown, prefix: string): string[] =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v).flatMap(([k, c]) => leaves(c, prefix ? `${prefix}.${k}` : k)) : [prefix]
  return leaves(parseYaml(text), '')
}

/** Surface key → the parameter it belongs to. */
function keyOwners(surface: Surface): Map<string, ParameterId> {
  const out = new Map<string, ParameterId>()
  for (const p of parameterMap().parameters) if (!p.surfaces[surface].absent) for (const n of bindingNames(p.surfaces[surface])) out.set(n, p.id)
  return out
}

/** The stand-in value for each secret reference the imported spec holds: what the original file held, as a user would export it. */
function secretsFor(params: CanonicalParams, original: CanonicalParams): Map<ParameterId, string> {
  const out = new Map<ParameterId, string>()
  for (const [id, v] of params) {
    if (!isSecretRef(v)) continue
    const was = original.get(id)
    out.set(id, isSecretRef(was) && 'value' in was ? was.value : `stand-in-${id}`)
  }
  return out
}

async function roundTrip(file: string, surface: Surface, as: string) {
  const text = readFileSync(resolve(REGISTRY, file), 'utf8')
  const files = { [as]: text }
  const target = targetFor(surface)
  const original = await target.parse(files)
  const imported = await importSurface(files, surface)
  const specText = renderSpec(imported.spec, `imported from ${file}`)
  const a = analyze('imported.yaml', specText)
  const emitted = a.params ? emitSurfaces(a, [surface], { secrets: secretsFor(a.params, original.params), writeSecrets: surface === 'terraform', envSecretName: 'auth-server-env', specName: 'imported.yaml' }).get(surface)! : undefined
  const back = emitted ? await target.parse(Object.fromEntries(emitted.files.map((f) => [f.path, f.content]))) : undefined
  return { text, original, imported, specText, a, emitted, back }
}

const reported = (imported: Imported, id: ParameterId) => imported.notes.filter((n) => n.id === id).map((n) => n.kind)

describe('import of the registry\'s own example files round-trips', () => {
  for (const { file, surface, as } of REGISTRY_EXAMPLES) {
    describe(`${file} (${surface})`, async () => {
      const r = await roundTrip(file, surface, as)

      it('the file reads without errors, and the imported spec validates as it is', () => {
        expect(r.imported.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        expect(r.a.diagnostics.filter((d) => d.severity === 'error'), r.specText).toEqual([])
      })

      it('compiles back to the same surface without errors', () => {
        expect(r.emitted?.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        expect(r.back?.diagnostics).toEqual([])
      })

      it('every parameter the file holds comes back with the same value, or import reported it', () => {
        const lost: string[] = []
        for (const [id, v] of r.original.params) {
          const kinds = reported(r.imported, id)
          const got = r.back!.params.get(id)
          if (kinds.includes('secret-moved') || kinds.includes('not-carried')) {
            // the value comes back from the reference the spec now holds (set to the file's value)
            if (surface === 'env') expect(got, id).toEqual(v)
            continue
          }
          if (kinds.length > 0) continue
          if (JSON.stringify(got) !== JSON.stringify(v)) lost.push(`${id}: ${JSON.stringify(v)} → ${JSON.stringify(got)}`)
        }
        expect(lost).toEqual([])
      })

      it('every key of the file that names a parameter was read, or import reported it', async () => {
        const owners = keyOwners(surface)
        const silent: string[] = []
        for (const key of await rawKeys(surface, r.text)) {
          const id = owners.get(key)
          if (id === undefined) {
            if (!r.imported.notes.some((n) => n.kind === 'unknown-key' && n.key === key) && !isDelivery(surface, key)) silent.push(`${key}: neither a parameter nor reported`)
            continue
          }
          if (!r.original.params.has(id) && reported(r.imported, id).length === 0) silent.push(`${key} (${id})`)
        }
        expect(silent).toEqual([])
      })
    })
  }
})

/** The Helm paths that tell a chart which Secret to read (regcfg writes them; not parameters). */
function isDelivery(surface: Surface, key: string): boolean {
  return (surface === 'helm' || surface === 'helm-stack') && ['app.existingSecret', 'global.existingMongoCredentialsSecret', 'auth-server.app.existingSecret', 'global.existingOauthProviderSecret', 'global.existingSharedSecret'].includes(key)
}
