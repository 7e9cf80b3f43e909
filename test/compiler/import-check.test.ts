import { readdirSync, readFileSync } from 'node:fs'
import { stringify } from 'yaml'
import { describe, expect, it } from 'vitest'
import { diffBetween, diffSurface } from '../../src/compiler/check.js'
import { renderParameterDocs } from '../../src/compiler/docs.js'
import { paramsToSpec, renderSpec } from '../../src/compiler/import.js'
import { analyze } from '../../src/compiler/index.js'
import { parameterMap } from '../../src/compiler/map.js'
import { isSecretRef, SURFACES, type CanonicalParams, type ParameterId } from '../../src/compiler/types.js'
import { targetFor } from '../../targets/index.js'
import type { EmitContext } from '../../targets/types.js'

const examples = readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort()

function ctxFor(params: CanonicalParams): EmitContext {
  const secrets = new Map<ParameterId, string>([...params].filter(([, v]) => isSecretRef(v)).map(([id]) => [id, `value-of-${id}`]))
  return { secrets, writeSecrets: false, envSecretName: 'auth-server-env', specName: 'spec.yaml' }
}

/** Secrets named the way the containers read them: what import can promise to give back. */
function secretsByContainerName(params: CanonicalParams): CanonicalParams {
  const out: CanonicalParams = new Map()
  for (const p of parameterMap().parameters) {
    const v = params.get(p.id)
    if (v === undefined) continue
    out.set(p.id, isSecretRef(v) && 'value' in v ? { env: p.surfaces.env.name ?? p.surfaces.env.container! } : v)
  }
  return out
}

describe('import(compile(spec)) is the same spec, for what each surface carries', () => {
  for (const file of examples) for (const surface of SURFACES) {
    it(`${file} via ${surface}`, async () => {
      const a = analyze(file, readFileSync(`examples/${file}`, 'utf8'))
      const target = targetFor(surface)
      const ctx = ctxFor(a.params!)
      const files = Object.fromEntries(target.emit(a.params!, ctx).files.map((f) => [f.path, f.content]))
      const parsed = await target.parse(files)
      const { spec } = paramsToSpec(parsed.params, surface)
      const text = renderSpec(spec, 'imported')
      const back = analyze('imported.yaml', text)
      expect(back.diagnostics, text).toEqual([])
      const carried = target.carry(a.params!, ctx)
      // derived values come back derived; secrets come back as references to the container variable
      const want = [...secretsByContainerName(carried)].filter(([id]) => back.params!.has(id) || !parameterMap().parameters.find((p) => p.id === id)!.secret)
      for (const [id, v] of want) {
        const original = a.params!.get(id)
        const expected = isSecretRef(original) && surface !== 'env' && !('value' in (carried.get(id) as object)) ? original : v
        expect(back.params!.get(id), `${id}`).toEqual(expected)
      }
    })
  }

  it('never copies a secret value into the imported spec, and says where it went', () => {
    const { spec, notes } = paramsToSpec(new Map<ParameterId, never>([['registry.externalUrl', 'https://registry.example.com' as never], ['auth.provider', 'cognito' as never], ['auth.cognito.userPoolId', 'us-east-1_A1' as never], ['auth.cognito.clientId', 'c' as never], ['auth.cognito.clientSecret', { value: 'TOPSECRET' } as never]]), 'helm')
    expect(JSON.stringify(spec)).not.toContain('TOPSECRET')
    expect(spec).toMatchObject({ auth: { cognito: { clientSecret: { env: 'COGNITO_CLIENT_SECRET' } } } })
    expect(notes.filter((n) => n.kind === 'secret-moved').map((n) => n.id)).toEqual(['auth.cognito.clientSecret'])
    // the chart would generate these, but regcfg's Helm output hands the pod its whole environment in one Secret
    expect(notes.filter((n) => n.kind === 'not-carried').map((n) => n.id)).toEqual(['auth.secretKey', 'auth.nginxMarkerSecret'])
  })
})

describe('check finds each kind of drift', () => {
  const a = analyze('c.yaml', readFileSync('examples/cognito.yaml', 'utf8'))
  const expected = targetFor('terraform').carry(a.params!, ctxFor(a.params!))

  it('no drift when the files are what the spec compiles to', () => {
    expect(diffSurface('terraform', expected, new Map(expected))).toEqual([])
  })

  it('a changed value, a missing key and an extra key', () => {
    const actual = new Map(expected)
    actual.set('auth.cognito.clientId', 'other')
    actual.delete('auth.session.cookieSecure')
    actual.set('auth.session.cookieDomain', '.example.com')
    const kinds = diffSurface('terraform', expected, actual).map((d) => `${d.kind} ${d.id} ${d.names.terraform}`)
    expect(kinds).toEqual(['missing auth.session.cookieSecure session_cookie_secure', 'extra auth.session.cookieDomain session_cookie_domain', 'changed auth.cognito.clientId cognito_client_id'])
  })

  it('an unknown key and a secret literal, from the Terraform parser', async () => {
    const parsed = await targetFor('terraform').parse({ 'terraform.tfvars': 'cognito_enabled = true\ncognito_client_secret = "literal"\nmystery = 1\n' })
    expect(parsed.unknown.map((u) => u.key)).toEqual(['mystery'])
    expect(parsed.secretLiterals).toEqual([{ id: 'auth.cognito.clientSecret', file: 'terraform.tfvars', key: 'cognito_client_secret' }])
  })

  it('a secret literal in a Helm values file, by its nested stack path', async () => {
    const parsed = await targetFor('helm-stack').parse({ 'values.yaml': 'auth-server:\n  okta:\n    clientSecret: hunter2\n' })
    expect(parsed.secretLiterals).toEqual([{ id: 'auth.okta.clientSecret', file: 'values.yaml', key: 'auth-server.okta.clientSecret' }])
  })

  it('files that disagree with each other', () => {
    const env = new Map(expected)
    const tf = new Map(expected)
    tf.set('auth.cognito.userPoolId', 'us-east-1_Other')
    expect(diffBetween([{ surface: 'env', params: env }, { surface: 'terraform', params: tf }]).map((d) => d.id)).toEqual(['auth.cognito.userPoolId'])
  })
})

describe('docs/parameters.md', () => {
  it('is generated from the map (run `regcfg docs` after editing schema/parameters.yaml)', () => {
    expect(readFileSync('docs/parameters.md', 'utf8')).toBe(renderParameterDocs(parameterMap()))
  })
})
