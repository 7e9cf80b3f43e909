import type { Rule } from '../types.js'
import { providerOf } from './_facts.js'
import { hitAt } from './_hits.js'

const POOL = /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)_[A-Za-z0-9]+$/

/** The region set for Cognito disagrees with the region the User Pool id names. */
export const cognitoRegion: Rule = {
  id: 'RC5102',
  name: 'cognito-region-mismatch',
  severity: 'error',
  kind: 'config',
  description: 'The Cognito region (AWS_REGION, aws_region, cognito.region) disagrees with the User Pool id, whose prefix is its region. Issuer and JWKS URLs are built from the region, so every token fails validation.',
  fix: 'Set the region to the pool id\'s prefix (us-east-1 for us-east-1_AbC123xyz); on Terraform deploy the stack in the pool\'s region.',
  check(view) {
    const provider = providerOf(view)
    if (provider !== undefined && provider !== 'cognito') return []
    const pool = view.entriesOf('auth.cognito.userPoolId').map((e) => POOL.exec(String(e.value))?.[1]).find(Boolean)
    if (!pool) return []
    return view.entriesOf('auth.cognito.region')
      .filter((e) => typeof e.value === 'string' && e.value !== '' && e.value !== pool)
      .map((e) => hitAt(e, view.locate(e), `${e.key} is "${String(e.value)}" but the User Pool id is in ${pool}`))
  },
}
