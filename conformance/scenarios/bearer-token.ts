import type { Scenario } from '../types.js'

/** Bearer ID tokens from the IdP: valid → identity headers; expired, foreign audience, unknown key → 401. */
export default {
  id: 'bearer-token',
  title: 'Bearer tokens: valid, expired, wrong audience, unknown key',
  async run(t) {
    const call = async (token: string) => t.validate({ bearer: token }, 'currenttime', 'initialize')
    const out = {
      valid: await call(await t.bearer(['registry-admins'])),
      expired: await call(await t.bearer(['registry-admins'], {}, { expiresIn: -120 })),
      wrongAudience: await call(await t.bearer(['registry-admins'], { aud: 'someone-else' })),
      unknownKey: await call(await t.bearer(['registry-admins'], {}, { unpublished: true })),
    }
    t.check('valid', [out.valid.status, (out.valid.headers as Record<string, string>)['x-auth-method']], [200, t.spec.provider])
    for (const k of ['expired', 'wrongAudience', 'unknownKey'] as const) t.check(k, out[k].status, 401)
    return out
  },
} satisfies Scenario
