/** The scenario list: the same for every surface, in report order (one file per scenario, named by its id). */
import bearerToken from './bearer-token.js'
import bootstrapAdmin from './bootstrap-admin.js'
import callbackUrl from './callback-url.js'
import chromiumCookies from './chromium-cookies.js'
import derivedUrls from './derived-urls.js'
import expectations from './expectations.js'
import groupsScopes from './groups-scopes.js'
import loginSession from './login-session.js'
import logout from './logout.js'
import nginxFront from './nginx-front.js'
import secretMissing from './secret-missing.js'
import start from './start.js'
import unmappedGroup from './unmapped-group.js'
import validateAccess from './validate-access.js'
import wrongRegion from './wrong-region.js'
import type { Scenario } from '../types.js'

export const SCENARIOS: readonly Scenario[] = [
  start, derivedUrls, loginSession, callbackUrl, groupsScopes, bootstrapAdmin, unmappedGroup, validateAccess, expectations, bearerToken, logout, nginxFront, chromiumCookies, wrongRegion, secretMissing,
]
