import { analyze, hasErrors } from '../../compiler/index.js'
import { doctorCognito, doctorKeycloak, isProblem, keycloakAdmin, renderJson, renderText, sdkDeps, targetOf, type CognitoDeps, type DoctorReport, type KeycloakTarget } from '../../doctor/index.js'
import { ExitStatus } from '../exit.js'
import { resolveSecret, type Host } from '../host.js'
import { report, type Flags } from './_shared.js'
import { DoctorIoError, KeycloakAdminError, UserError } from '../../errors.js'

export const doctorHelp = `regcfg doctor SPEC [--fix] [--dry-run] [--endpoint URL] [--format text|json]
  Checks the live Cognito App Client (or Keycloak client) against the spec: client settings,
  callback and sign-out URLs, hosted UI domain, groups, users stuck in FORCE_CHANGE_PASSWORD,
  the IAM permissions the registry's IAM pages need, and the AWS region.
    --fix        add the missing URLs and OAuth settings to the client, keeping everything else
    --dry-run    with or without --fix: print the change and the equivalent aws command, write nothing
    --endpoint   Cognito endpoint (emulators) or Keycloak base URL for the admin API
  AWS region and credentials come from the environment or profile, as for the aws CLI.
  Exit 0 no problems, 1 problems found, 2 usage or I/O error.`

export interface DoctorDeps {
  cognito(endpoint: string | undefined): CognitoDeps
  fetch: typeof fetch
}

const defaultDeps: DoctorDeps = { cognito: (endpoint) => sdkDeps(endpoint), fetch: (...a) => fetch(...a) }

export const runDoctor = (host: Host, positionals: string[], flags: Flags): Promise<ExitStatus> => doctorWith(defaultDeps)(host, positionals, flags)

export function doctorWith(deps: DoctorDeps) {
  return async (host: Host, [spec]: string[], flags: Flags): Promise<ExitStatus> => {
    const text = host.readText(spec!)
    const a = analyze(spec!, text)
    if (hasErrors(a.diagnostics)) return (report(host, a.diagnostics, flags, new Map([[spec!, text]])), ExitStatus.Findings)
    const t = targetOf(a)
    if (!t) throw new UserError(`doctor checks cognito and keycloak; the spec's provider is ${a.resolved?.derived.provider}`)
    const dryRun = flags['dry-run'] === true
    const o = { fix: flags.fix === true || dryRun, dryRun }
    const endpoint = flags.endpoint as string | undefined
    const r = await guarded(() => (t.provider === 'cognito' ? doctorCognito(deps.cognito(endpoint), t, o) : keycloakReport(host, deps, t, spec!, endpoint, o)))
    host.stdout(flags.format === 'json' ? renderJson(r) : renderText(r))
    return r.findings.some(isProblem) ? ExitStatus.Findings : ExitStatus.Ok
  }
}

async function keycloakReport(host: Host, deps: DoctorDeps, t: KeycloakTarget, spec: string, endpoint: string | undefined, o: { fix: boolean; dryRun: boolean }): Promise<DoctorReport> {
  if (!t.adminPassword) throw new UserError('doctor needs auth.keycloak.adminPassword to read the Keycloak client')
  const pw = resolveSecret(host, t.adminPassword, spec)
  if (!('value' in pw)) throw new UserError(`auth.keycloak.adminPassword: ${pw.reason}. ${pw.hint}`)
  const admin = await keycloakAdmin(t, endpoint ?? t.baseUrl, pw.value, deps.fetch)
  return doctorKeycloak(admin, t, o)
}

/** Errors that stop doctor before it can check anything are I/O errors (exit 2), with the reason. */
async function guarded<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f()
  } catch (e) {
    if (e instanceof DoctorIoError || e instanceof KeycloakAdminError) throw new UserError(e.message)
    if (e instanceof TypeError && /fetch failed/.test(e.message)) throw new UserError(`cannot reach Keycloak: ${(e.cause as Error | undefined)?.message ?? e.message}`)
    throw e
  }
}
