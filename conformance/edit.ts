/**
 * Changing one container variable in a surface's OWN terms (a .env line, a tfvars variable, a
 * create-env-secret.sh entry), for scenarios that start a misconfigured auth-server and for the
 * mutation tests that break one surface on purpose.
 */
import { parameterMap } from '../src/compiler/map.js'
import type { Surface } from '../src/compiler/types.js'
import type { SurfaceFiles } from './surfaces.js'

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function tfName(envName: string): string | undefined {
  return parameterMap().parameters.find((p) => p.surfaces.env.name === envName)?.surfaces.terraform.name
}

/** Rewrites the variable's line with `line(newValue)`, or drops it when value is undefined. */
function edit(surface: Surface, files: SurfaceFiles, envName: string, value: string | undefined): SurfaceFiles {
  const [file, re, line] = pattern(surface, envName, value)
  const text = files[file]
  if (text === undefined || !re.test(text)) return files
  return { ...files, [file]: text.replace(re, value === undefined ? '' : line) }
}

function pattern(surface: Surface, envName: string, value: string | undefined): [string, RegExp, string] {
  if (surface === 'env') return ['.env', new RegExp(`^${esc(envName)}=.*(\\n|$)`, 'm'), `${envName}='${value}'\n`]
  if (surface === 'terraform') {
    const name = tfName(envName) ?? envName.toLowerCase()
    return ['terraform.tfvars', new RegExp(`^${esc(name)}\\s*=.*(\\n|$)`, 'm'), `${name} = "${value}"\n`]
  }
  return ['create-env-secret.sh', new RegExp(`^\\s*--from-(literal|file)=${esc(envName)}=.*(\\n|$)`, 'm'), `  --from-literal=${envName}='${value}' \\\n`]
}

export const setVar = (surface: Surface, files: SurfaceFiles, envName: string, value: string): SurfaceFiles => edit(surface, files, envName, value)
export const dropVar = (surface: Surface, files: SurfaceFiles, envName: string): SurfaceFiles => edit(surface, files, envName, undefined)

/** The process environment without one variable (how ECS / the secret script would miss it). */
export function without(env: Record<string, string>, name: string): Record<string, string> {
  const { [name]: _gone, ...rest } = env
  return rest
}
