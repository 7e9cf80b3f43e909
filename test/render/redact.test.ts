import { describe, expect, it } from 'vitest'
import { redact } from '../../targets/_render/tools.js'

describe('redact: secret values out of tool messages', () => {
  it('masks a long value anywhere, also inside a word', () => {
    expect(redact('password=s3cr3t-value-xyz; url=mongodb://u:s3cr3t-value-xyz@h', ['s3cr3t-value-xyz'])).toBe('password=***; url=mongodb://u:***@h')
    expect(redact('tokens3cr3t-value-xyzend', ['s3cr3t-value-xyz'])).toBe('token***end')
  })
  it('masks a short value only as a word of its own, so names that contain it stay readable', () => {
    expect(redact('variable "keycloak_admin_password" is required; user "admin" refused', ['admin'])).toBe('variable "keycloak_admin_password" is required; user "***" refused')
  })
  it('treats regex characters in a value literally and ignores values under 4 characters', () => {
    expect(redact('a+b*c$&d and xy', ['a+b*c$&d', 'xy'])).toBe('*** and xy')
  })
})
