/**
 * The registry's own example files, imported: the spec validates as it is, and compiling it to the
 * same surface gives back every value of the file that maps to a parameter — or import reported
 * that value (unknown key, secret moved to a reference, empty value read as unset, a value the spec
 * cannot hold). Values are compared as canonical parameters, after each surface's parser read them:
 * quoting is gone, "8" and 8 are the integer 8, "5.0" and 5 the number 5, "true" and true the
 * boolean, a comma-separated string and a list the same list.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { isAlias, isMap, isScalar, parse as parseYaml, parseDocument } from 'yaml'
import { describe, expect, it } from 'vitest'
import { renderSpec, type Imported } from '../../src/compiler/import.js'
import { importSurface } from '../../src/surfaces/import.js'
import { analyze } from '../../src/compiler/index.js'
import { emitSurfaces } from '../../src/surfaces/emit.js'
import { bindingNames, containerName, parameterById, parameterMap } from '../../src/compiler/map.js'
import { isSecretRef, type CanonicalParams, type ParameterId, type Surface } from '../../src/compiler/types.js'
import { parseDotenv } from '../../targets/env/dotenv-parse.js'
import { subchartAsStack, type StackSubchart } from '../../targets/helm/subchart.js'
import { SECRET_DELIVERY } from '../../targets/helm/index.js'
import { targetFor } from '../../targets/index.js'

import { REGISTRY } from '../render/_setup.js'

/** The setup guide's Mode 1 .env (Docker Compose, BYO Cognito): no REGISTRY_URL, no AUTH_SERVER_EXTERNAL_URL. */
const GUIDE = resolve(REGISTRY, '../reference/seed-cognito-setup-guide.txt')
function mode1Env(): string {
  const text = readFileSync(GUIDE, 'utf8')
  const m = /Step 1: Set Cognito config in \.env¶\n([\s\S]*?)\nStep 2:/.exec(text)
  if (!m) throw new Error(`${GUIDE}: no "Step 1: Set Cognito config in .env" section`)
  return m[1]!
}

const read = (file: string) => () => readFileSync(resolve(REGISTRY, file), 'utf8')
/** A subchart's values as the stack passes them (regcfg import --subchart NAME). */
const asStack = (name: StackSubchart) => () => {
  const r = subchartAsStack(name, read(`charts/${name}/values.yaml`)())
  if ('error' in r) throw new Error(r.error)
  return r.text
}

/**
 * Each example file, keyed as its surface's parser expects it. The standalone auth-server chart is
 * the helm surface, the umbrella chart helm-stack; the stack's other local subcharts (registry,
 * mcpgw, keycloak-configure, mongodb-configure) have no surface of their own and are imported as
 * the stack gives them their values (under their name, their global: as the stack's).
 */
export const REGISTRY_EXAMPLES: { name: string; surface: Surface; as: string; text: () => string }[] = [
  { name: '.env.example', surface: 'env', as: '.env', text: read('.env.example') },
  { name: 'terraform/aws-ecs/terraform.tfvars.example', surface: 'terraform', as: 'terraform.tfvars', text: read('terraform/aws-ecs/terraform.tfvars.example') },
  { name: 'charts/auth-server/values.yaml', surface: 'helm', as: 'values.yaml', text: read('charts/auth-server/values.yaml') },
  { name: 'charts/mcp-gateway-registry-stack/values.yaml', surface: 'helm-stack', as: 'values.yaml', text: read('charts/mcp-gateway-registry-stack/values.yaml') },
  ...(['registry', 'mcpgw', 'keycloak-configure', 'mongodb-configure'] as const).map((c) => ({ name: `charts/${c}/values.yaml as the stack's ${c}:`, surface: 'helm-stack' as const, as: 'values.yaml', text: asStack(c) })),
  { name: "the setup guide's Mode 1 .env", surface: 'env', as: '.env', text: mode1Env },
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

async function roundTrip(surface: Surface, as: string, text: string) {
  const files = { [as]: text }
  const target = targetFor(surface)
  const original = await target.parse(files)
  const imported = await importSurface(files, surface)
  const specText = renderSpec(imported.spec, 'imported')
  const a = analyze('imported.yaml', specText)
  const emitted = a.params ? emitSurfaces(a, [surface], { secrets: secretsFor(a.params, original.params), writeSecrets: surface === 'terraform', envSecretName: 'auth-server-env', specName: 'imported.yaml' }).get(surface)! : undefined
  const back = emitted ? await target.parse(Object.fromEntries(emitted.files.map((f) => [f.path, f.content]))) : undefined
  return { text, original, imported, specText, a, emitted, back }
}

const reported = (imported: Imported, id: ParameterId) => imported.notes.filter((n) => n.id === id).map((n) => n.kind)

describe('import of the registry\'s own example files round-trips', () => {
  for (const { name, surface, as, text } of REGISTRY_EXAMPLES) {
    describe(`${name} (${surface})`, async () => {
      const r = await roundTrip(surface, as, text())

      it('the file reads without errors, and the imported spec validates as it is', () => {
        expect(r.imported.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        expect(r.a.diagnostics.filter((d) => d.severity === 'error'), r.specText).toEqual([])
      })

      it('copies no secret value of the file into the spec or the notes', () => {
        const values = [...r.original.params].flatMap(([, v]) => (isSecretRef(v) && 'value' in v && v.value.length >= 4 ? [v.value] : []))
        const said = JSON.stringify(r.imported.notes)
        for (const v of values) expect(r.specText.includes(v) || said.includes(v), 'a secret value was copied').toBe(false)
      })

      it('compiles back to the same surface without errors but for the required values import said the files lack', () => {
        const missing = r.imported.notes.filter((n) => n.kind === 'required-missing').map((n) => n.id)
        expect(r.emitted?.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.pointer}`)).toEqual(missing.map((id) => `RC4007 /${id!.split('.').join('/')}`))
        expect(r.back?.diagnostics).toEqual([])
      })

      it('every parameter the file holds comes back with the same value, or import reported it', () => {
        const lost: string[] = []
        let compared = 0
        for (const [id, v] of r.original.params) {
          const kinds = reported(r.imported, id)
          const got = r.back!.params.get(id)
          if (kinds.includes('secret-moved')) {
            // .env and secrets.auto.tfvars hold the value again, from the reference the spec now holds
            // (set to the file's value, as a user would export it); Helm's env Secret script reads the reference
            if (surface === 'env' || surface === 'terraform') expect(got, id).toEqual(v)
            else expect(got, id).toEqual({ env: containerName(parameterById(id)!) })
            continue
          }
          if (kinds.length > 0) continue
          compared++
          if (JSON.stringify(got) !== JSON.stringify(v)) lost.push(`${id}: ${JSON.stringify(v)} → ${JSON.stringify(got)}`)
        }
        expect(lost).toEqual([])
        expect(compared, 'parameters compared').toBeGreaterThan(0)
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
const isDelivery = (surface: Surface, key: string): boolean => (surface === 'helm' || surface === 'helm-stack') && Object.values(SECRET_DELIVERY).flat().concat('global.existingSharedSecret').includes(key)

describe("the setup guide's Mode 1 .env (no REGISTRY_URL) means Compose's own defaults", async () => {
  const r = await roundTrip('env', '.env', mode1Env())

  it('the registry at http://localhost, the auth-server at http://localhost:8888, each stated and reported', () => {
    expect(r.imported.spec).toMatchObject({ registry: { externalUrl: 'http://localhost' }, auth: { provider: 'cognito', serverExternalUrl: 'http://localhost:8888' } })
    expect(r.imported.notes.filter((n) => n.kind === 'surface-default').map((n) => n.id)).toEqual(['registry.externalUrl', 'auth.serverExternalUrl'])
    expect(r.back!.params.get('registry.externalUrl')).toBe('http://localhost')
    expect(r.back!.params.get('auth.serverExternalUrl')).toBe('http://localhost:8888')
  })

  it('the client secret becomes a reference, and the signing keys Compose cannot start without are asked for', () => {
    expect(r.specText).not.toContain('your_cognito_client_secret_here')
    expect(r.imported.notes.filter((n) => n.kind === 'secret-moved').map((n) => n.id)).toEqual(['auth.cognito.clientSecret'])
    // the secrets docker-compose.yml requires (${VAR:?}): the snippet is only the Cognito part of a .env
    expect(r.imported.notes.filter((n) => n.kind === 'not-carried').map((n) => n.id)).toEqual(['auth.secretKey', 'auth.keycloak.adminPassword', 'auth.keycloak.databasePassword', 'storage.password', 'observability.grafana.adminPassword', 'egress.openbao.token'])
    expect(r.imported.notes.filter((n) => n.kind === 'required-missing').map((n) => n.id)).toEqual(['storage.username'])
  })
})

/**
 * The stack's values.yaml keeps some values in sync with YAML anchors (&keycloakRealm at
 * global.authProvider.keycloak.realm, *keycloakRealm at keycloak-configure.keycloak.realm): the
 * chart's authors saying these paths are one value. A parameter bound to one of them is bound to all,
 * or a spec's value would reach one subchart and leave the others with the chart's default.
 */
describe("the map follows the stack's own anchors", () => {
  const doc = parseDocument(readFileSync(resolve(REGISTRY, 'charts/mcp-gateway-registry-stack/values.yaml'), 'utf8'), { merge: true })
  const groups = new Map<string, string[]>()
  const walk = (node: unknown, prefix: string): void => {
    if (!isMap(node)) return
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue
      const path = prefix ? `${prefix}.${String(pair.key.value)}` : String(pair.key.value)
      const anchor = isScalar(pair.value) ? pair.value.anchor : isAlias(pair.value) && isScalar(pair.value.resolve(doc)) ? pair.value.source : undefined
      if (anchor) groups.set(anchor, [...(groups.get(anchor) ?? []), path])
      walk(pair.value, path)
    }
  }
  walk(doc.contents, '')

  it('finds the anchored scalars', () => {
    expect(groups.get('keycloakRealm')).toEqual(['global.authProvider.keycloak.realm', 'keycloak-configure.keycloak.realm', 'auth-server.keycloak.realm'])
  })

  for (const [anchor, paths] of groups) {
    it(`&${anchor}: ${paths.join(', ')}`, () => {
      for (const p of parameterMap().parameters) {
        const names = bindingNames(p.surfaces['helm-stack'])
        if (paths.some((path) => names.includes(path))) expect(names, p.id).toEqual(expect.arrayContaining(paths))
      }
    })
  }
})
