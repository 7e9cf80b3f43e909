import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { AuthError, CollectError, ConfigError, DoctorIoError, errorClass, KeycloakAdminError, RegcfgError, UserError } from '../src/errors.js'

describe('errors, in jose style', () => {
  it.each([
    [new UserError('x'), 'UserError', 'ERR_USAGE'],
    [new ConfigError(['a']), 'ConfigError', 'ERR_CONFIG_INVALID'],
    [new DoctorIoError('x'), 'DoctorIoError', 'ERR_DOCTOR_IO'],
    [new KeycloakAdminError('x'), 'KeycloakAdminError', 'ERR_KEYCLOAK_ADMIN'],
    [new CollectError('x'), 'CollectError', 'ERR_LINT_COLLECT'],
    [new AuthError('NO_SCOPES', 403, 'x'), 'AuthError', 'NO_SCOPES'],
  ] as const)('%s sets its name and a stable code', (e, name, code) => {
    expect(e.name).toBe(name)
    expect(e.code).toBe(code)
    expect(e).toBeInstanceOf(RegcfgError)
    expect(String(e)).toMatch(new RegExp(`^${name}: `))
    expect(errorClass(e)).not.toMatch(/^Error\b/)
  })

  it('tells classes apart by their code, also across bundles (each has its own copy of a class)', () => {
    expect(new UserError('x')).not.toBeInstanceOf(ConfigError)
    expect(new AuthError('INTERNAL', 500, 'x')).not.toBeInstanceOf(UserError)
    expect(new Error('x')).not.toBeInstanceOf(RegcfgError)
    // a UserError thrown by a command bundle is still a UserError for the CLI's table: the bundles are built
    const r = spawnSync(process.execPath, ['bin/regcfg.cjs', 'compile', 'nope.yaml', '--target', 'env'], { encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/^regcfg: cannot read nope\.yaml/)
  })

  it('a log names a foreign error by its class and code, never only "Error" for one of ours', () => {
    expect(errorClass(Object.assign(new TypeError('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBe('TypeError ERR_INVALID_ARG_TYPE')
    expect(errorClass(new RangeError('x'))).toBe('RangeError')
    expect(errorClass(new UserError('x'))).toBe('UserError ERR_USAGE')
    expect(errorClass('a string')).toBe('string')
  })
})
