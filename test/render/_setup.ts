/**
 * Shared by the render tests: the registry checkout (../shared/registry from the project root, or
 * REGCFG_TEST_REGISTRY) and an example compiled in memory with fresh stand-in secrets.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { analyze } from '../../src/compiler/index.js'
import { emitSurfaces } from '../../src/surfaces/emit.js'
import { isSecretRef, type ParameterId, type Surface } from '../../src/compiler/types.js'

export const REGISTRY = resolve(process.env.REGCFG_TEST_REGISTRY ?? resolve(import.meta.dirname, '../../../shared/registry'))
if (!existsSync(resolve(REGISTRY, 'docker-compose.yml'))) throw new Error(`render tests need the registry checkout at ${REGISTRY} (../shared/registry from the project root, or set REGCFG_TEST_REGISTRY)`)

export interface Compiled {
  files: Record<string, string>
  /** The secrets under their reference names, as a user would export them. */
  processEnv: Record<string, string>
  /** Every stand-in secret value (none may appear in masked output). */
  secretValues: string[]
}

export function compileExample(example: string, surface: Surface, override?: (env: string) => string): Compiled {
  const a = analyze(example, readFileSync(example, 'utf8'))
  const secrets = new Map<ParameterId, string>()
  const processEnv: Record<string, string> = {}
  for (const [id, v] of a.params!) {
    if (!isSecretRef(v) || !('env' in v)) continue
    const value = `s3cr3t-${randomBytes(12).toString('hex')}`
    secrets.set(id, value)
    processEnv[v.env] = value
  }
  const r = emitSurfaces(a, [surface], { secrets, writeSecrets: false, envSecretName: 'auth-server-env', specName: example }).get(surface)!
  const errors = r.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length) throw new Error(errors.map((d) => d.message).join('\n'))
  const files = Object.fromEntries(r.files.map((f) => [f.path, f.content]))
  if (override && files['.env'] !== undefined) files['.env'] = override(files['.env'])
  return { files, processEnv, secretValues: [...secrets.values()] }
}

export const EXAMPLES = ['cognito', 'keycloak', 'entra', 'okta', 'auth0', 'pingfederate'].map((p) => `examples/${p}.yaml`)
