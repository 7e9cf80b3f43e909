/** regcfg's model of the auth-server container on Compose: the .env lines compose passes it, then compose's own defaults. */
import { authServerParams, withSurfaceDefaults, type ContainerEnvResult } from '../_model.js'
import { parseDotenv } from './dotenv-parse.js'

/** Compose passes the auth-server only the variables its service lists under environment: (each with its `${VAR:-default}`). */
export function composeContainerEnv(files: Readonly<Record<string, string>>): ContainerEnvResult {
  const parsed = parseDotenv(files['.env'] ?? '')
  const passed = authServerParams('env')
  const env = Object.fromEntries(parsed.entries.filter((e) => passed.get(e.key)?.surfaces.env.name === e.key).map((e) => [e.key, e.value]))
  return {
    env: withSurfaceDefaults('env', env, { namedOnly: true, emptyIsUnset: true, everyProvider: true }),
    generated: {},
    problems: parsed.errors.map((e) => `.env:${e.line}: ${e.message}`),
  }
}
