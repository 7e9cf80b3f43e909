/** Which rendered variables are secrets (masked in text output), from the parameter map and the name. */
import { containerName, parameterMap } from '../../src/compiler/map.js'

let names: Set<string> | undefined

/** The .env and container names of every secret parameter. */
export function secretParameterNames(): ReadonlySet<string> {
  if (names) return names
  names = new Set()
  for (const p of parameterMap().parameters) {
    if (!p.secret) continue
    if (p.surfaces.env.name) names.add(p.surfaces.env.name)
    const c = containerName(p)
    if (c) names.add(c)
  }
  return names
}

/** A variable named like a credential (the registry's own files hold some regcfg does not know). */
export const looksSecret = (name: string): boolean =>
  /(?:^|_)(?:SECRET|SECRET_KEY|PASSWORD|PASSWD|PASS|TOKEN|API_KEYS?|PRIVATE_KEY|ENCRYPTION_KEY|CREDENTIALS?|CONNECTION_STRING)$/.test(name.toUpperCase())

export const isSecretName = (name: string): boolean => secretParameterNames().has(name) || looksSecret(name)
