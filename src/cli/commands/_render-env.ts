/** The environment a render runs with (check --registry, render): separate from _shared so that commands without a render load no target. */
import type { CanonicalParams, Surface } from '../../compiler/types.js'
import { targetFor } from '../../../targets/index.js'
import type { Host } from '../host.js'

/** The environment as the host sees it (secret references are read from it), as a view. */
export function envView(host: Host): Readonly<Record<string, string | undefined>> {
  return new Proxy({} as Record<string, string | undefined>, {
    get: (_, k) => (typeof k === 'string' ? host.env(k) : undefined),
    has: (_, k) => typeof k === 'string' && host.env(k) !== undefined,
  })
}

/** What a render of the surface runs with: the host's environment, as the surface's tool gets it (the target's toolEnv). */
export function renderEnv(host: Host, surface: Surface, params: CanonicalParams): Readonly<Record<string, string | undefined>> {
  const env = envView(host)
  return targetFor(surface).toolEnv?.(env, params) ?? env
}
