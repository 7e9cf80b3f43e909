import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { setVar } from '../../conformance/edit.js'
import { startMongo, type MongoServer } from '../../conformance/harness/mongo.js'
import { runConformance } from '../../conformance/runner.js'
import { SCENARIOS } from '../../conformance/scenarios/index.js'
import type { SurfaceFiles } from '../../conformance/surfaces.js'
import { renderVerdict, type Verdict } from '../../conformance/verdict.js'
import type { Surface } from '../../src/compiler/types.js'

/** Mutation checks: break ONE surface's output on purpose; the suite must name exactly that surface and scenario. */
const SPEC = 'test/conformance/fixtures/cognito-domain.yaml'

/** Cells that fail on their own checks or differ from the other surfaces. */
const broken = (v: Verdict) => v.failures.filter((f) => v.cells.get(f.scenario)!.get(f.surface)!.status !== 'blocked').map((f) => `${f.scenario}/${f.surface}`)
const blockedOn = (v: Verdict) => [...new Set(v.failures.filter((f) => v.cells.get(f.scenario)!.get(f.surface)!.status === 'blocked').map((f) => f.surface))]

const only = (surface: Surface, fn: (f: SurfaceFiles) => SurfaceFiles) => (s: Surface, f: SurfaceFiles) => (s === surface ? fn(f) : f)

/** The stack's auth-server: keys moved under registry: (where the auth-server subchart never reads them). */
function stackKeysUnderRegistry(f: SurfaceFiles): SurfaceFiles {
  const values = parse(f['values.yaml']!) as Record<string, Record<string, Record<string, unknown>>>
  const { 'auth-server': auth, ...rest } = values
  for (const [k, v] of Object.entries(auth!)) rest.registry![k] = { ...(rest.registry![k] ?? {}), ...v }
  return { ...f, 'values.yaml': stringify(rest) }
}

describe('conformance mutation checks: the suite can fail, and says where', () => {
  let mongo: MongoServer
  beforeAll(async () => {
    mongo = await startMongo()
  })
  afterAll(async () => mongo?.stop())

  async function run(mutate?: (s: Surface, f: SurfaceFiles) => SurfaceFiles) {
    // every scenario but the Chromium one (it runs on every example; here it would only add seconds)
    const r = await runConformance(SPEC, { mongo, scenarios: SCENARIOS.filter((s) => s.id !== 'chromium-cookies'), ...(mutate ? { mutate } : {}) })
    console.log(renderVerdict(r.verdict, `${SPEC}${mutate ? ' (mutated)' : ''}`))
    return r.verdict
  }

  it('unbroken, the fixture passes on every surface', async () => {
    expect((await run()).ok).toBe(true)
  })

  it('terraform with aws_region not the pool region: start/terraform fails, terraform blocked, nothing else', async () => {
    const v = await run(only('terraform', (f) => setVar('terraform', f, 'AWS_REGION', 'eu-west-1')))
    expect(broken(v)).toEqual(['start/terraform'])
    expect(blockedOn(v)).toEqual(['terraform'])
    expect(v.failures.find((f) => f.scenario === 'start')!.messages.join('\n')).toMatch(/AWS_REGION="eu-west-1" disagrees/)
  })

  it('helm with the COGNITO_DOMAIN key renamed (value lost): derived-urls/helm differs, nothing else', async () => {
    const v = await run(only('helm', (f) => ({ ...f, 'create-env-secret.sh': f['create-env-secret.sh']!.replace('--from-literal=COGNITO_DOMAIN=', '--from-literal=COGNITO_HOSTED_UI_DOMAIN=') })))
    expect(broken(v)).toEqual(['derived-urls/helm'])
    expect(v.cells.get('derived-urls')!.get('helm')!.status).toBe('diff')
    expect(v.differences[0]!.lines.join('\n')).toContain('https://mcp-auth-demo.auth.us-east-1.amazoncognito.com/oauth2/authorize')
  })

  it('helm-stack with the auth-server keys only under registry: start/helm-stack fails, helm-stack blocked', async () => {
    const v = await run(only('helm-stack', stackKeysUnderRegistry))
    expect(broken(v)).toEqual(['start/helm-stack'])
    expect(blockedOn(v)).toEqual(['helm-stack'])
    expect(v.failures.find((f) => f.scenario === 'start')!.messages.join('\n')).toMatch(/auth-server\.app\.existingSecret is not set/)
  })

  it('entra (a new adapter): helm with another ENTRA_TENANT_ID: only helm cells break, derived-urls/helm among them', async () => {
    const other = '11111111-2222-4333-8444-555555555555'
    const r = await runConformance('examples/entra.yaml', {
      mongo,
      scenarios: SCENARIOS.filter((s) => s.id !== 'chromium-cookies'),
      mutate: only('helm', (f) => ({ ...f, 'create-env-secret.sh': f['create-env-secret.sh']!.replace(/--from-literal=ENTRA_TENANT_ID='[^']*'/, `--from-literal=ENTRA_TENANT_ID='${other}'`) })),
    })
    console.log(renderVerdict(r.verdict, 'examples/entra.yaml (helm tenant mutated)'))
    const cells = broken(r.verdict)
    expect(cells).toContain('derived-urls/helm')
    expect(cells).toContain('login-session/helm')
    expect(cells.filter((c) => !c.endsWith('/helm'))).toEqual([])
    expect(r.verdict.differences.map((d) => d.lines.join('\n')).join('\n')).toContain(other)
  })
})
