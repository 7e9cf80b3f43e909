/** A Helm surface's files (values.yaml and regcfg's create-env-secret.sh), and a user's files as them. */
import { dirname, join } from 'node:path'
import type { Files } from '../types.js'

export const VALUES = 'values.yaml'
export const SCRIPT = 'create-env-secret.sh'

/** check: the values file with the create-env-secret.sh beside it, when there is one; the renderer gets no empty script. */
export function userFiles(paths: readonly string[], read: (path: string) => string): { parse: Files; render: Files } {
  let script = ''
  try {
    script = read(join(dirname(paths[0]!), SCRIPT))
  } catch {
    /* a values file without regcfg's script: the env Secret is not checked */
  }
  const parse = { [VALUES]: read(paths[0]!), [SCRIPT]: script }
  return { parse, render: script === '' ? { [VALUES]: parse[VALUES] } : parse }
}

/** import: a script is the create-env-secret.sh, anything else the values file. */
export const fileNameOf = (path: string): string => (/\.sh$/.test(path) ? SCRIPT : VALUES)

/** import: files with a YAML file are a chart's values; the stack's when that file has a registry: or auth-server: section. */
export function claimsAs(stack: boolean): (files: Files) => boolean {
  return (files) => {
    const values = Object.entries(files).find(([f]) => /\.ya?ml$/.test(f))
    return values !== undefined && /^(registry|auth-server):/m.test(values[1]) === stack
  }
}
