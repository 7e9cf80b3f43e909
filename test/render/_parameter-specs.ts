/**
 * The specs of the parameter render cases, generated from the parameter map: every parameter the
 * spec can set gets a distinctive value (its own tag, per type), in one spec per selectable provider
 * (a provider's parameters live only in its own spec; the provider-independent ones and the
 * login-only providers ride in the default provider's spec). Pure: map in, specs out.
 */
import { parameterMap, selectableProviders, type ParameterDef } from '../../src/compiler/map.js'
import { SURFACES, type ParameterId } from '../../src/compiler/types.js'

export interface Batch {
  /** The provider auth.provider selects in this spec. */
  provider: string
  spec: Record<string, unknown>
  /** Secret values under their reference names (what a user would export); stand-ins, never tracked. */
  processEnv: Record<string, string>
}

/** The env Secret the Helm surfaces are compiled to read (app.existingSecret). */
export const ENV_SECRET = 'auth-server-env'

/** A tag no other parameter's value contains (fixed width, so t012 is not inside t0123). */
const tag = (i: number): string => `t${String(i).padStart(4, '0')}q`

/** Region the Cognito pool id names: not a default anywhere, so it is distinctive too. */
const POOL_REGION = 'eu-west-3'

/**
 * Values whose form the compiler checks (src/compiler/resolve.ts): a Cognito pool id is
 * <region>_<id>, the region must be the pool's, the hosted UI domain is a prefix.
 */
const SHAPED: Record<ParameterId, (t: string) => unknown> = {
  'auth.cognito.userPoolId': (t) => `${POOL_REGION}_${t}`,
  'auth.cognito.region': () => POOL_REGION,
  'auth.cognito.domain': (t) => `d-${t}`,
  // terraform/aws-ecs serves the registry at https://registry.<root_domain> (RC4001 otherwise)
  'registry.externalUrl': (t) => `https://registry.${t}.example.test`,
  // the ECS module hands its tasks the DocumentDB credentials secret (storage.username and
  // storage.password) only with documentdb, its default there; the other surfaces' default is mongodb-ce
  'storage.backend': () => 'documentdb',
}

/**
 * A value of the parameter's type that a render can be searched for (the map's example where the
 * registry constrains the form); booleans, enums and numbers: not a default.
 */
export function distinctiveValue(p: ParameterDef, i: number): unknown {
  const t = tag(i)
  const shaped = SHAPED[p.id]
  if (shaped) return shaped(t)
  if (p.example !== undefined) return p.example
  const numeric = defaultsOf(p).find((d): d is number => typeof d === 'number' && d > 0)
  switch (p.type) {
    case 'boolean': return !defaultsOf(p).includes(true)
    // twice a positive default stays inside the ranges the module's validation rules allow
    case 'integer': return numeric !== undefined && Number.isInteger(numeric) ? numeric * 2 : 7000 + i
    case 'number': return numeric !== undefined ? numeric / 2 : 7000.5 + i
    case 'enum': return (p.values ?? []).find((v) => !defaultsOf(p).includes(v)) ?? p.values?.[0]
    case 'list': return [`${t}a`, `${t}b`]
    case 'url': return `https://${t}.example.test`
    default: return `v-${t}`
  }
}

/** The defaults a render may show when the value does not arrive: the map's and each surface's. */
function defaultsOf(p: ParameterDef): unknown[] {
  return [p.default, ...Object.values(p.surfaces).map((b) => b.default)].filter((v) => v !== undefined).map((v) => (v === 'true' ? true : v === 'false' ? false : v))
}

/** Why a parameter has no spec value of its own: it is checked through what it derives from. */
export function notInSpec(p: ParameterDef): string | undefined {
  if (p.spec === false) return `not settable in a spec (derived by ${p.derive ?? 'the compiler'}); its value follows from the parameters it is derived from`
  return unprovenOf(p)
}

/**
 * A parameter whose every carried binding is unproven is left out of the specs (setting it would
 * prove nothing and may break the render, as global.chartVersion does).
 */
export function unprovenOf(p: ParameterDef): string | undefined {
  const carried = SURFACES.filter((x) => p.surfaces[x].absent === undefined)
  if (carried.length === 0 || !carried.every((x) => p.surfaces[x].unproven)) return undefined
  return `left out of the generated specs: ${carried.map((x) => `on ${x}, ${p.surfaces[x].unproven}`).join('; ')}`
}

/** Which batch (provider spec) a parameter is set in. */
export function homeOf(p: ParameterDef): string {
  const selectable = selectableProviders()
  const fallback = String(parameterMap().parameters.find((q) => q.id === 'auth.provider')?.default)
  if (p.id === 'auth.provider') return selectable.find((s) => s !== fallback)!
  return p.provider && selectable.includes(p.provider) ? p.provider : fallback
}

const independent = (p: ParameterDef): boolean => p.provider === undefined && p.id !== 'auth.provider'

function setIn(root: Record<string, unknown>, id: ParameterId, v: unknown): void {
  const segs = id.split('.')
  let node = root
  for (const s of segs.slice(0, -1)) node = (node[s] ??= {}) as Record<string, unknown>
  node[segs.at(-1)!] = v
}

/**
 * One spec per selectable provider: its own parameters, and every provider-independent one (the same
 * values in each spec, so each compiles on every surface; a parameter's cases read its home spec).
 */
export function buildBatches(secretValue: (envName: string) => string): Batch[] {
  const params = parameterMap().parameters
  return selectableProviders().map((provider) => {
    const b: Batch = { provider, spec: { version: 1 }, processEnv: {} }
    setIn(b.spec, 'auth.provider', provider)
    params.forEach((p, i) => {
      if (notInSpec(p) || (homeOf(p) !== provider && !independent(p))) return
      if (p.id === 'auth.provider') return
      if (p.secret) {
        const env = `RC_${tag(i).toUpperCase()}`
        b.processEnv[env] = secretValue(env)
        setIn(b.spec, p.id, { env })
        return
      }
      setIn(b.spec, p.id, distinctiveValue(p, i))
    })
    return b
  })
}

