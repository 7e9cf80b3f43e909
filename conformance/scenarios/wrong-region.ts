import { setVar } from '../edit.js'
import type { Scenario } from '../types.js'

/**
 * The guide's "wrong region / token validation failure": AWS_REGION set (in the surface's own terms)
 * to a region that is not the User Pool's. Upstream starts and then fails every token's issuer check;
 * regcfg refuses to start with that reason. Tokens from another region's issuer get 401 on a running server.
 */
export default {
  id: 'wrong-region',
  title: 'wrong region in the config → no token validates (start refused)',
  providers: ['cognito'],
  async run(t) {
    const files = setVar(t.surface, t.prepared.files, 'AWS_REGION', 'eu-west-1')
    const r = await t.tryStart(files, t.processEnv)
    const problem = r.problems.find((p) => p.includes('eu-west-1')) ?? null
    t.check('started', r.started, false)
    if (!problem || !/issuer/.test(problem)) t.fail(`no clear reason among: ${r.problems.join(' | ')}`)
    const pool = String(t.prepared.config!.cognito!.userPoolId)
    const token = await t.bearer(['registry-admins'], {}, { issuer: `https://cognito-idp.eu-west-1.amazonaws.com/${pool}` })
    const other = await t.validate({ bearer: token }, 'currenttime', 'initialize')
    t.check('token from the wrong region', other.status, 401)
    return { started: r.started, problem, otherRegionToken: other }
  },
} satisfies Scenario

