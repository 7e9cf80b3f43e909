import type { Rule } from '../types.js'
import { PATTERN_SPECS } from './_pattern.js'
import { adminGroup } from './admin-group.js'
import { authProviderMissing } from './auth-provider-missing.js'
import { awsAccessKeyId } from './aws-access-key-id.js'
import { awsSecretAccessKey } from './aws-secret-access-key.js'
import { cloudfrontWithoutDomain } from './cloudfront-without-domain.js'
import { cognitoDomain } from './cognito-domain.js'
import { cognitoRegion } from './cognito-region.js'
import { entraClientSecret } from './entra-client-secret.js'
import { insecureRedirectUrl } from './insecure-redirect-url.js'
import { jwt } from './jwt.js'
import { multipleProviders } from './multiple-providers.js'
import { privateKey } from './private-key.js'
import { secretKeyWeak } from './secret-key-weak.js'
import { secretKeyword } from './secret-keyword.js'
import { secretLiteral } from './secret-literal.js'
import { unreadable } from './unreadable.js'
import { weakSecret } from './weak-secret.js'

/** The rule table, in id order: secrets (RC50xx) then misconfigurations (RC51xx). */
export const RULES: readonly Rule[] = [
  unreadable,
  secretLiteral,
  weakSecret,
  awsAccessKeyId,
  awsSecretAccessKey,
  entraClientSecret,
  privateKey,
  jwt,
  secretKeyword,
  multipleProviders,
  cognitoRegion,
  cognitoDomain,
  insecureRedirectUrl,
  authProviderMissing,
  secretKeyWeak,
  adminGroup,
  cloudfrontWithoutDomain,
]

/** Every substring some pattern rule needs (a value holding none of them and shorter than PATTERN_MIN_LENGTH is no pattern rule's). */
export const PATTERN_NEEDS: readonly string[] = PATTERN_SPECS.flatMap((p) => p.needs ?? [])

/** The shortest value a pattern rule without needed substrings can hit (every pattern rule is made by patternRule, which lists its spec). */
export const PATTERN_MIN_LENGTH = Math.min(...PATTERN_SPECS.filter((p) => !p.needs).map((p) => p.minLength ?? 0))

export const ruleById = (id: string): Rule | undefined => RULES.find((r) => r.id === id || r.name === id)
