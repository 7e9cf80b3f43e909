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
export const looksSecret = (name: string): boolean => /(SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE_KEY|ENCRYPTION_KEY|CREDENTIAL|CONNECTION_STRING)/i.test(name)

export const isSecretName = (name: string): boolean => secretParameterNames().has(name) || looksSecret(name)
