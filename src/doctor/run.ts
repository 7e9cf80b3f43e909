/**
 * The doctor's orchestration: fetch → check → (fix → fetch → check). The network edges are passed
 * in (`CognitoDeps`, `KeycloakAdmin`), so the flow runs against moto, a fake, or AWS alike.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import { checkCognito } from './cognito/checks.js'
import { fetchSnapshot, type CognitoSend } from './cognito/fetch.js'
import { fixCognitoClient, type FixResult } from './cognito/fix.js'
import type { CognitoSnapshot } from './cognito/snapshot.js'
import type { Finding } from './finding.js'
import { checkKeycloak, planKeycloakFix } from './keycloak/checks.js'
import type { KeycloakAdmin } from './keycloak/admin.js'
import type { CognitoTarget, KeycloakTarget } from './target.js'
import { DoctorIoError } from '../errors.js'

export interface DoctorReport {
  provider: 'cognito' | 'keycloak'
  /** What was checked, for the report's first line (ids and URLs only, never a secret). */
  subject: Record<string, string>
  findings: Finding[]
  fix?: { dryRun: boolean; applied: boolean; added: string[]; command?: string }
}

export interface FixOptions {
  fix: boolean
  dryRun: boolean
}

export interface CognitoDeps {
  /** The region the caller's AWS configuration names, if any. */
  sdkRegion(): Promise<string | undefined>
  client(region: string): CognitoSend
}

/** The AWS SDK the usual way: region and credentials from the environment or profile; `endpoint` for emulators. */
export function sdkDeps(endpoint?: string, extra: Record<string, unknown> = {}): CognitoDeps {
  return {
    async sdkRegion() {
      try {
        return await new CognitoIdentityProviderClient({ ...extra }).config.region()
      } catch {
        return undefined
      }
    },
    client: (region) => new CognitoIdentityProviderClient({ ...extra, region, ...(endpoint ? { endpoint } : {}) }),
  }
}

export async function doctorCognito(deps: CognitoDeps, t: CognitoTarget, o: FixOptions): Promise<DoctorReport> {
  const sdkRegion = await deps.sdkRegion()
  const client = deps.client(t.region)
  const subject = { userPool: t.userPoolId, appClient: t.clientId, region: t.region, callbackUrl: t.callbackUrl, signOutUrl: t.signOutUrl, hostedUi: t.hostedUiBase }
  const before = await fetchChecked(client, t, sdkRegion)
  const report: DoctorReport = { provider: 'cognito', subject, findings: checkCognito(t, before) }
  if (!o.fix || !before.client.ok || !before.client.value) return report
  const r: FixResult = await fixCognitoClient(client, t, o.dryRun)
  report.fix = { dryRun: o.dryRun, applied: r.applied, added: r.added, ...(r.command ? { command: r.command } : {}) }
  if (r.applied) report.findings = [...checkCognito(t, await fetchChecked(client, t, sdkRegion)), ...r.findings]
  return report
}

async function fetchChecked(client: CognitoSend, t: CognitoTarget, sdkRegion: string | undefined): Promise<CognitoSnapshot> {
  const s = await fetchSnapshot(client, t, sdkRegion)
  const reads = [s.pool, s.client, s.domain, s.groups, s.forceChangePassword, s.adminListGroupsForUser]
  const failed = reads.flatMap((r) => (r.ok || r.denied ? [] : [r.error]))
  if (failed.length === reads.length && new Set(failed).size === 1) throw new DoctorIoError(`cannot reach Cognito: ${failed[0]}`)
  return s
}

export async function doctorKeycloak(admin: KeycloakAdmin, t: KeycloakTarget, o: FixOptions): Promise<DoctorReport> {
  const subject = { realm: t.realm, client: t.clientId, baseUrl: t.baseUrl, callbackUrl: t.callbackUrl, signOutUrl: t.signOutUrl }
  const before = await admin.snapshot()
  const report: DoctorReport = { provider: 'keycloak', subject, findings: checkKeycloak(t, before) }
  if (!o.fix || !before.client) return report
  const plan = planKeycloakFix(t, before.client)
  report.fix = { dryRun: o.dryRun, applied: false, added: plan.added }
  if (o.dryRun || plan.added.length === 0) return report
  await admin.putClient(plan.client)
  report.fix.applied = true
  report.findings = checkKeycloak(t, await admin.snapshot())
  return report
}
