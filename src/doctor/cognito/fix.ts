/**
 * `--fix` for Cognito: read the client now, merge the additions, write it back with every other
 * setting, read it back and compare. The only Cognito write.
 */
import { DescribeUserPoolClientCommand, UpdateUserPoolClientCommand, type UpdateUserPoolClientCommandInput } from '@aws-sdk/client-cognito-identity-provider'
import { finding, type Finding } from '../finding.js'
import type { CognitoTarget } from '../target.js'
import type { CognitoSend } from './fetch.js'
import { isEmptyPlan, planClientFix, readBackDiff } from './plan.js'
import { awsCliCommand, updateInputOf } from './update.js'

export interface FixResult {
  /** What is (or would be) added; empty when nothing was missing. */
  added: string[]
  /** The equivalent aws CLI command (no secret in it: the client secret is not an update field). */
  command?: string
  input?: UpdateUserPoolClientCommandInput
  applied: boolean
  /** Read-back mismatches after the write. */
  findings: Finding[]
}

export async function fixCognitoClient(c: CognitoSend, t: CognitoTarget, dryRun: boolean): Promise<FixResult> {
  const describe = () => c.send(new DescribeUserPoolClientCommand({ UserPoolId: t.userPoolId, ClientId: t.clientId }))
  const current = (await describe()).UserPoolClient
  if (!current) throw new Error(`app client ${t.clientId} disappeared`)
  const plan = planClientFix(t, current)
  if (isEmptyPlan(plan)) return { added: [], applied: false, findings: [] }
  const input = updateInputOf(current, plan.changes)
  const command = awsCliCommand(input, t.region)
  if (dryRun) return { added: plan.added, command, input, applied: false, findings: [] }
  await c.send(new UpdateUserPoolClientCommand(input))
  const after = (await describe()).UserPoolClient ?? {}
  const findings = readBackDiff(input, after).map((d) => finding('RC6070', d))
  return { added: plan.added, command, input, applied: true, findings }
}
