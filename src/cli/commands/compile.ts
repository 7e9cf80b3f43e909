import { join } from 'node:path'
import { analyze, hasErrors } from '../../compiler/index.js'
import { emitSurfaces, secretsNeeded } from '../../surfaces/emit.js'
import { diag } from '../../compiler/diagnostics.js'
import { SURFACES, type ParameterId, type Surface } from '../../compiler/types.js'
import { targetFor } from '../../../targets/index.js'
import { ExitStatus } from '../exit.js'
import { resolveSecret, type Host } from '../host.js'
import { report, type Flags } from './_shared.js'
import { UserError } from '../../errors.js'

export const compileHelp = `regcfg compile SPEC --target env|terraform|helm|helm-stack|all [--out DIR] [--write-secrets] [--format text|json]
  Compiles a registry spec to deployment files.
    env         DIR/.env (Docker Compose; secret values resolved from { env } / { file })
    terraform   DIR/terraform.tfvars (+ DIR/secrets.auto.tfvars with --write-secrets)
    helm        DIR/values.yaml + DIR/create-env-secret.sh (charts/auth-server)
    helm-stack  DIR/values.yaml + DIR/create-env-secret.sh (charts/mcp-gateway-registry-stack)
    all         DIR/env/, DIR/terraform/, DIR/helm/, DIR/helm-stack/
  Without --out a single target's main file goes to stdout.
  Files with secret values are only written where git ignores them.`

function targets(flag: unknown): Surface[] {
  if (flag === 'all') return [...SURFACES]
  if (typeof flag === 'string' && (SURFACES as readonly string[]).includes(flag)) return [flag as Surface]
  throw new UserError(`--target must be one of ${SURFACES.join(', ')}, all${flag ? ` (got "${String(flag)}")` : ''}`)
}

/** Reads, analyzes and emits SPEC in memory (secrets resolved at the edge); undefined after reporting a spec with errors. */
export function compileSpec(host: Host, spec: string, surfaces: Surface[], writeSecrets: boolean, flags: Flags) {
  const text = host.readText(spec)
  const sources = new Map([[spec, text]])
  const a = analyze(spec, text)
  if (hasErrors(a.diagnostics)) {
    report(host, a.diagnostics, flags, sources)
    return undefined
  }
  const { secrets, unresolved } = resolveSecrets(host, a, surfaces, writeSecrets, spec)
  const envSecretName = a.resolved!.spec.deploy?.helm?.envSecretName ?? 'auth-server-env'
  const results = emitSurfaces(a, surfaces, { secrets, unresolved, writeSecrets, envSecretName, specName: spec.replace(/[\u0000-\u001f]/g, '?') })
  return { a, results, sources }
}

export function runCompile(host: Host, [spec]: string[], flags: Flags): ExitStatus {
  const surfaces = targets(flags.target)
  const out = flags.out as string | undefined
  if (!out && surfaces.length > 1) throw new UserError('--target all needs --out DIR')
  const writeSecrets = flags['write-secrets'] === true
  const compiled = compileSpec(host, spec!, surfaces, writeSecrets, flags)
  if (!compiled) return ExitStatus.Findings
  const { a, results, sources } = compiled
  const ds = [...a.diagnostics, ...[...results.values()].flatMap((r) => r.diagnostics)]
  const plan = [...results].flatMap(([s, r]) => r.files.map((f) => ({ surface: s, file: f, path: out ? join(out, surfaces.length > 1 ? s : '', f.path) : undefined })))
  for (const f of plan) {
    const why = f.path && f.file.holdsSecrets ? host.gitExposure(f.path) : undefined
    if (why) ds.push(diag('RC4004', { surface: f.surface }, { file: f.path!, reason: why }))
  }
  report(host, ds, flags, sources)
  if (hasErrors(ds)) return ExitStatus.Findings
  if (!out) host.stdout(plan.find((f) => f.file.path === targetFor(surfaces[0]!).mainFile)!.file.content)
  else for (const f of plan) host.writeText(f.path!, f.file.content)
  if (out) for (const r of results.values()) for (const n of r.notes) host.stderr(n + '\n')
  return ExitStatus.Ok
}

export function resolveSecrets(host: Host, a: ReturnType<typeof analyze>, surfaces: Surface[], writeSecrets: boolean, spec: string) {
  const secrets = new Map<ParameterId, string>()
  const unresolved = new Map<ParameterId, { reason: string; hint: string }>()
  for (const [id, ref] of secretsNeeded(a.params!, surfaces, writeSecrets)) {
    const r = resolveSecret(host, ref, spec)
    if ('value' in r) secrets.set(id, r.value)
    else unresolved.set(id, r)
  }
  return { secrets, unresolved }
}
