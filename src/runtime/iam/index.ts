/**
 * The IAM factory: one explicit case per provider, and a clear error for the others (upstream
 * silently fell back to the Keycloak manager and answered 502).
 */
import type { RuntimeConfig } from '../config.js'
import { AuthError } from '../../errors.js'
import { cognitoIam, type CognitoIamOptions } from './cognito.js'
import type { IamManager } from './types.js'

export interface IamFactoryOptions {
  /** AWS endpoint and credentials override (emulators). */
  aws?: Pick<CognitoIamOptions, 'endpoint' | 'credentials'>
}

const unsupported = (provider: string, why: string): never => {
  throw new AuthError('IAM_UNSUPPORTED', 501, `IAM listing is not available for ${provider}: ${why}`)
}

export function iamManagerFor(cfg: RuntimeConfig, o: IamFactoryOptions = {}): IamManager {
  switch (cfg.provider) {
    case 'cognito': {
      const c = cfg.cognito!
      return cognitoIam({ userPoolId: c.userPoolId, region: c.region, ...o.aws })
    }
    case 'keycloak':
      return unsupported('keycloak', 'the Keycloak admin API manager is not implemented in regcfg yet')
    default:
      return unsupported(cfg.provider, 'no IAM manager for this provider')
  }
}

export type { IamManager, IamGroup, IamUser } from './types.js'
