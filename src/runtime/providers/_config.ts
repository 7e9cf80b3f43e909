/** Reading helpers the provider rows share: map defaults, base URLs, domains, M2M group maps. */
import { isBaseUrl } from '../../compiler/derive.js'
import { parameterById } from '../../compiler/map.js'
import type { ParameterId } from '../../compiler/types.js'
import { str, type ParamReader } from '../params.js'

/** The value, or the parameter map's default (the one place defaults are written down). */
export function withDefault(r: ParamReader, id: ParameterId): string {
  return str(r.get(id)) ?? String(parameterById(id)?.default ?? '')
}

/** An absolute http(s) URL without a trailing slash; otherwise a problem naming the variable. */
export function baseUrlOf(r: ParamReader, id: ParameterId, v: string | undefined): string | undefined {
  if (v !== undefined && !isBaseUrl(v)) r.problems.push(`${r.nameOf(id)}="${v}" must be an absolute http(s) URL without a trailing slash`)
  return v
}

/** A host name (optionally :port) without scheme or path, as OKTA_DOMAIN and AUTH0_DOMAIN are. */
export function domainOf(r: ParamReader, id: ParameterId, v: string | undefined, example: string): string | undefined {
  if (v !== undefined && !/^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$/.test(v)) r.problems.push(`${r.nameOf(id)}="${v}" must be a host name without scheme, path or trailing slash, e.g. ${example}`)
  return v
}

/**
 * OKTA_M2M_CLIENT_GROUPS / AUTH0_M2M_CLIENT_GROUPS: a JSON object client_id → [group, ...].
 * Empty grants no groups; anything else that is not that shape is a problem (never a guess).
 */
export function clientGroupsOf(r: ParamReader, id: ParameterId): Record<string, string[]> {
  const raw = str(r.get(id))
  if (raw === undefined || raw.trim() === '') return {}
  let v: unknown
  try {
    v = JSON.parse(raw)
  } catch {
    r.problems.push(`${r.nameOf(id)} is not valid JSON (expected {"<client id>": ["group", ...]})`)
    return {}
  }
  const ok = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((g) => Array.isArray(g) && g.every((x) => typeof x === 'string'))
  if (!ok) {
    r.problems.push(`${r.nameOf(id)} must be a JSON object of client id → list of group names`)
    return {}
  }
  return v as Record<string, string[]>
}
