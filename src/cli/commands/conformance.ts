import { SURFACES, type Surface } from '../../compiler/types.js'
import { ExitStatus } from '../exit.js'
import { type Host } from '../host.js'
import { registryDirOf, renderSetupProblem, type Flags } from './_shared.js'
import { appendFileSync, writeFileSync } from 'node:fs'
import { UserError } from '../../errors.js'

export const conformanceHelp = `regcfg conformance SPEC [--surfaces env,terraform,helm,helm-stack] [--registry DIR] [--oracle [--oracle-log FILE]] [--junit FILE]
  Compiles SPEC to every surface, starts an auth-server from each surface's own output against
  MongoDB (MONGODB_URI, else testcontainers mongo:7, else FerretDB) and a mock OIDC provider shaped
  like the spec's provider, runs the same scenarios on each (login, scopes, /validate, logout,
  expectations:, misconfigurations) and compares what every surface did. Prints the matrix.
  With --registry DIR (a clone of the registry at the version you deploy) each surface's container
  environment is what the registry's own files make of regcfg's output, rendered by the real tools
  (docker compose config, helm template + kubectl, terraform); without it, regcfg's own model, and
  the report says so per surface.
  --oracle also starts the registry's own auth-server (from the --registry checkout, else
  ../shared/registry; installed by tools/setup-test-services.sh) from each surface's environment and
  runs every scenario on it too; a difference from regcfg's answer fails unless docs/deviations.md
  lists it. Where the provider's hosts are fixed in the registry's code (Cognito, Entra, Okta, Auth0)
  both servers keep the real URLs and the mock answers under those names (a CONNECT proxy and a test
  CA of the run's own, made with openssl). --oracle-log FILE writes that server's output there
  (secrets masked).
  Exit 0 when every surface passes and behaves the same, 1 otherwise, 2 on usage or I/O errors.`

function surfacesOf(flag: unknown): Surface[] {
  if (flag === undefined) return [...SURFACES]
  const list = String(flag).split(',').map((s) => s.trim()).filter(Boolean)
  const bad = list.filter((s) => !(SURFACES as readonly string[]).includes(s))
  if (bad.length > 0 || list.length === 0) throw new UserError(`--surfaces takes a comma-separated list of ${SURFACES.join(', ')}${bad.length ? ` (unknown: ${bad.join(', ')})` : ''}`)
  return list as Surface[]
}

/** --oracle: the checkout (--registry DIR, else the default next to the repo) and that it is installed. */
async function oracleOf(flags: Flags, registryDir: string | undefined): Promise<{ registryDir: string; log?: (line: string) => void } | undefined> {
  if (!flags.oracle) return undefined
  const { defaultRegistryDir, registryAuthServerMissing } = await import('../../../conformance/harness/registry-auth-server.js')
  const dir = registryDir ?? defaultRegistryDir()
  const missing = registryAuthServerMissing(dir)
  if (missing) throw new UserError(`--oracle: ${missing}`)
  const logFile = flags['oracle-log'] as string | undefined
  if (logFile) writeFileSync(logFile, '')
  // the registry's server output, secrets masked (registry-auth-server.ts): what to read when a column differs
  return { registryDir: dir, ...(logFile ? { log: (line: string) => appendFileSync(logFile, line + '\n') } : {}) }
}

export async function runConformanceCommand(host: Host, [spec]: string[], flags: Flags): Promise<ExitStatus> {
  const surfaces = surfacesOf(flags.surfaces)
  const registryDir = registryDirOf(flags.registry)
  const { runConformance, UnsupportedProvider } = await import('../../../conformance/runner.js')
  const { renderJunit, renderVerdict } = await import('../../../conformance/verdict.js')
  const { SpecError } = await import('../../../conformance/surfaces.js')
  try {
    const oracle = await oracleOf(flags, registryDir)
    const r = await runConformance(spec!, { surfaces, log: (l) => host.stderr(l + '\n'), ...(registryDir ? { registryDir } : {}), ...(oracle ? { oracle } : {}) })
    host.stdout(renderVerdict(r.verdict, `conformance: ${spec}\n${r.notes.map((n) => `  ${n}`).join('\n')}\n`) + '\n')
    if (r.oracle) host.stdout('\n' + (await import('../../../conformance/oracle/render.js')).renderWithOracle(r.verdict, r.oracle) + '\n')
    if (flags.junit) host.writeText(String(flags.junit), renderJunit([{ name: spec!, verdict: r.verdict }]))
    return r.verdict.ok && (r.oracle?.ok ?? true) ? ExitStatus.Ok : ExitStatus.Findings
  } catch (e) {
    if (e instanceof UnsupportedProvider || e instanceof SpecError) {
      host.stderr(`regcfg conformance: ${e.message}\n`)
      if (flags.junit) host.writeText(String(flags.junit), renderJunit([{ name: spec!, skipped: e.message }]))
      return ExitStatus.Findings
    }
    const problem = renderSetupProblem(e)
    if (problem) {
      host.stderr(`regcfg conformance: ${problem}\n`)
      return ExitStatus.Usage
    }
    throw e
  }
}
