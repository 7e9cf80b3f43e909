/**
 * The Helm renderers against the registry's own charts (../shared/registry) with the real helm and
 * kubectl: what the render gives is what `helm template` + the dry-run Secret script give.
 */
import { join } from 'node:path'
import { parseDocument } from 'yaml'
import { describe, expect, it } from 'vitest'
import { renderHelm, renderHelmStack } from '../../targets/helm/render.js'
import { targetFor } from '../../targets/index.js'
import { compileExample, REGISTRY } from './_setup.js'

function withValues(values: string, set: [string[], unknown][]): string {
  const doc = parseDocument(values)
  for (const [path, v] of set) doc.setIn(path, v)
  return doc.toString()
}

describe('helm: charts/auth-server with regcfg values.yaml and create-env-secret.sh', () => {
  it('gives the auth-server container the spec through the Secret the script creates', async () => {
    const c = compileExample('examples/cognito.yaml', 'helm')
    const r = await renderHelm({ registryDir: REGISTRY, files: c.files, processEnv: c.processEnv })
    const env = r.containers['auth-server']!.env
    expect(r.containers['auth-server']!.source).toBe('Deployment/auth-server')
    expect(env.AUTH_PROVIDER).toMatchObject({ value: 'cognito', origin: 'regcfg' })
    expect(env.COGNITO_USER_POOL_ID?.value).toBe('us-east-1_AbC123xyz')
    // a secret arrives as the user's value, decoded from the Secret's base64 data, marked secret
    expect(env.SECRET_KEY).toMatchObject({ value: c.processEnv.SECRET_KEY, origin: 'user-env', secret: true })
    // the chart's own env: entries are there too
    expect(env.AWS_EC2_METADATA_DISABLED).toMatchObject({ value: 'true', origin: 'chart-default' })
    expect(r.tools.map((t) => [t.tool, t.version])).toEqual([['helm', 'v3.17.4'], ['kubectl', expect.stringMatching(/^v1\./)]])
    for (const t of r.tools) expect(t.ms).toBeGreaterThan(0)
    expect(r.workloads).toContain('Deployment/auth-server')
    expect(targetFor('helm').render).toBeDefined()
  })

  it('reports a Secret the Deployment reads that nothing creates, and accepts an optional one', async () => {
    const c = compileExample('examples/cognito.yaml', 'helm')
    const values = withValues(c.files['values.yaml']!, [
      [['global', 'existingMongoCredentialsSecret'], 'no-such-secret'],
      [['extraEnvFrom'], [{ secretRef: { name: 'maybe-later', optional: true } }]],
    ])
    const r = await renderHelm({ registryDir: REGISTRY, files: { ...c.files, 'values.yaml': values }, processEnv: c.processEnv })
    const missing = r.problems.filter((p) => p.code === 'RC7006')
    expect(missing.map((p) => p.message)).toEqual([expect.stringContaining('reads Secret no-such-secret (envFrom)')])
    expect(missing[0]).toMatchObject({ severity: 'error', file: join(REGISTRY, 'charts/auth-server/templates/deployment.yaml') })
    expect(JSON.stringify(r.problems)).not.toContain('maybe-later')
  })

  it('resolves env: after envFrom (later wins), secretKeyRef and configMapKeyRef', async () => {
    const c = compileExample('examples/cognito.yaml', 'helm')
    const values = withValues(c.files['values.yaml']!, [
      [['extraEnv'], [
        { name: 'X_FROM_SECRET', valueFrom: { secretKeyRef: { name: 'auth-server-env', key: 'COGNITO_CLIENT_ID' } } },
        { name: 'X_FROM_CONFIGMAP', valueFrom: { configMapKeyRef: { name: 'auth-server-app-log-config', key: 'APP_LOG_LEVEL' } } },
        { name: 'X_MISSING_KEY', valueFrom: { secretKeyRef: { name: 'auth-server-env', key: 'NOPE' } } },
        { name: 'X_OPTIONAL_KEY', valueFrom: { secretKeyRef: { name: 'auth-server-env', key: 'NOPE', optional: true } } },
        // in the env Secret (envFrom) too, and not reserved by the chart: env: wins
        { name: 'MCP_ADVERTISED_SCOPES', value: 'from-env-entry' },
      ]],
      [['extraEnvFrom'], [{ configMapRef: { name: 'auth-server-app-log-config' }, prefix: 'P_' }]],
    ])
    const r = await renderHelm({ registryDir: REGISTRY, files: { ...c.files, 'values.yaml': values }, processEnv: c.processEnv })
    const env = r.containers['auth-server']!.env
    expect(env.X_FROM_SECRET?.value).toBe('4example1client2id3abc')
    expect(env.X_FROM_CONFIGMAP?.value).toBe(env.APP_LOG_LEVEL?.value)
    expect(env.MCP_ADVERTISED_SCOPES).toMatchObject({ value: 'from-env-entry', origin: 'chart-default' })
    expect(env.P_APP_LOG_LEVEL?.value).toBe(env.APP_LOG_LEVEL?.value)
    expect(env.X_MISSING_KEY).toBeUndefined()
    expect(env.X_OPTIONAL_KEY).toBeUndefined()
    const messages = r.problems.map((p) => p.message)
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('reads Secret auth-server-env key NOPE (env X_MISSING_KEY)')]))
    expect(messages.join('\n')).not.toContain('X_OPTIONAL_KEY')
  })

  it('a secret value survives the script and the Secret byte for byte', async () => {
    const c = compileExample('examples/cognito.yaml', 'helm')
    const tricky = `k$y 'q' "d" \\ \`b\` ünï ${'x'.repeat(20)}`
    const r = await renderHelm({ registryDir: REGISTRY, files: c.files, processEnv: { ...c.processEnv, SECRET_KEY: tricky } })
    expect(r.containers['auth-server']!.env.SECRET_KEY?.value).toBe(tricky)
  })

  it('an unset secret the script needs is a problem naming the variable, never its value', async () => {
    const c = compileExample('examples/cognito.yaml', 'helm')
    const { SECRET_KEY: _, ...rest } = c.processEnv
    const r = await renderHelm({ registryDir: REGISTRY, files: c.files, processEnv: rest })
    const p = r.problems.find((d) => d.code === 'RC7007')
    expect(p?.message).toContain('SECRET_KEY')
    expect(p?.hint).toContain('Export SECRET_KEY')
    for (const v of c.secretValues) expect(JSON.stringify(r)).not.toContain(v)
  })
})

describe('helm-stack: the umbrella chart with its subcharts', () => {
  it('renders auth-server and registry, stubs the remote charts and shows which ones the values enable', async () => {
    const c = compileExample('examples/cognito.yaml', 'helm-stack')
    const r = await renderHelmStack({ registryDir: REGISTRY, files: c.files, processEnv: c.processEnv })
    expect(r.containers['auth-server']!.env.AUTH_PROVIDER?.value).toBe('cognito')
    expect(r.containers['auth-server']!.env.COGNITO_USER_POOL_ID?.value).toBe('us-east-1_AbC123xyz')
    expect(r.containers.registry!.source).toBe('Deployment/registry')
    // remote dependencies, read from Chart.yaml, are stubs and say so
    expect(r.substitutions.map((s) => s.what)).toEqual(expect.arrayContaining([expect.stringMatching(/^chart keycloak 25\.2\.0/), expect.stringMatching(/^chart mongodb-kubernetes 1\.6\.1/), expect.stringMatching(/^chart openbao 0\.28\.4/)]))
    // what helm enabled follows the values: turn Keycloak off and on again
    const off = withValues(c.files['values.yaml']!, [[['keycloak', 'create'], false], [['keycloak-configure', 'enabled'], false]])
    const on = withValues(c.files['values.yaml']!, [[['keycloak', 'create'], true], [['keycloak-configure', 'enabled'], true]])
    const [rOff, rOn] = await Promise.all([off, on].map((v) => renderHelmStack({ registryDir: REGISTRY, files: { ...c.files, 'values.yaml': v }, processEnv: c.processEnv })))
    expect(rOff!.workloads).not.toContain('chart/keycloak')
    expect(rOff!.workloads!.some((w) => /keycloak/i.test(w))).toBe(false)
    expect(rOn!.workloads).toContain('chart/keycloak')
    expect(rOn!.workloads!.some((w) => /^Job\/.*keycloak/i.test(w))).toBe(true)
  })

  it("a Secret a Job's script creates at run time is no missing Secret: its computed keys are placeholders", async () => {
    const c = compileExample('examples/keycloak.yaml', 'helm-stack')
    const values = withValues(c.files['values.yaml']!, [[['keycloak', 'create'], true], [['keycloak-configure', 'enabled'], true]])
    const r = await renderHelmStack({ registryDir: REGISTRY, files: { ...c.files, 'values.yaml': values }, processEnv: c.processEnv })
    expect(r.problems.filter((p) => p.message.includes('keycloak-client-secret'))).toEqual([])
    expect(r.substitutions.map((s) => s.what)).toEqual(expect.arrayContaining([expect.stringMatching(/^Secret keycloak-client-secret \(created at run time by /)]))
    expect(r.containers['auth-server']!.env.KEYCLOAK_M2M_CLIENT_SECRET).toMatchObject({ value: '<placeholder:keycloak-client-secret/KEYCLOAK_M2M_CLIENT_SECRET>', origin: 'placeholder' })
  })

  it('--explain: the script is regcfg (or the user), the chart is the chart', async () => {
    const c = compileExample('examples/keycloak.yaml', 'helm-stack')
    const r = await renderHelmStack({ registryDir: REGISTRY, files: c.files, processEnv: c.processEnv, explain: true })
    const env = r.containers['auth-server']!.env
    expect(env.AUTH_PROVIDER).toMatchObject({ value: 'keycloak', origin: 'regcfg' })
    expect(env.SECRET_KEY).toMatchObject({ origin: 'user-env', secret: true })
    expect(env.AWS_EC2_METADATA_DISABLED).toMatchObject({ origin: 'chart-default' })
    expect(r.tools.filter((t) => t.tool === 'helm')).toHaveLength(2)
  })
})
