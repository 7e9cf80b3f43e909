import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/compiler/index.js'
import { emitSurfaces } from '../../src/surfaces/emit.js'
import { containerEnv } from '../../src/runtime/container-env.js'

describe('terraform container env', () => {
  it('passes container-only variables that ECS injects (sovereign-cloud Entra login base)', async () => {
    const spec = readFileSync('examples/entra.yaml', 'utf8').replace('    clientSecret:', '    loginBaseUrl: https://login.microsoftonline.us\n    clientSecret:')
    const a = analyze('e.yaml', spec)
    const tf = emitSurfaces(a, ['terraform'], { secrets: new Map(), writeSecrets: false, envSecretName: 'x', specName: 'e.yaml' }).get('terraform')!
    const files = Object.fromEntries(tf.files.map((f) => [f.path, f.content]))
    const { env } = await containerEnv('terraform', files, { processEnv: {}, readFile: () => '' })
    expect(env.ENTRA_LOGIN_BASE_URL).toBe('https://login.microsoftonline.us')
    expect(env.AUTH_PROVIDER).toBe('entra')
  })
})
