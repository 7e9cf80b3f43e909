import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/compiler/index.js'

const codes = (text: string) => analyze('spec.yaml', text).diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.pointer ?? ''}`)

const COGNITO = `registry:
  externalUrl: https://registry.example.com
auth:
  provider: cognito
  cognito:
    userPoolId: us-east-1_AbC123
    clientId: abc
    clientSecret: { env: COGNITO_CLIENT_SECRET }
`

describe('validate: every error, each at its line', () => {
  it('accepts the minimal Cognito spec', () => {
    const a = analyze('spec.yaml', COGNITO)
    expect(a.diagnostics).toEqual([])
    expect(a.params?.get('auth.cognito.region')).toBe('us-east-1')
    expect(a.resolved?.derived.callbackUrl).toBe('https://registry.example.com/oauth2/callback/cognito')
  })

  it('reports several planted errors in one run, each at its position', () => {
    const spec = `registry:
  externalUrl: 42
  replicas: 3
auth:
  provider: cognito
  secretKey: hunter2-hunter2-hunter2-hunter2-hunter2
  session:
    cookieSecure: "yes"
  cognito:
    userPoolId: us-east-1_AbC123
    clientSecret: plain-text-secret
    regoin: us-east-1
`
    expect(codes(spec)).toEqual([
      '2:16 RC2001 /registry/externalUrl',
      '3:3 RC2002 /registry/replicas',
      '6:14 RC2004 /auth/secretKey',
      '8:19 RC2001 /auth/session/cookieSecure',
      '10:5 RC2003 /auth/cognito/clientId',
      '11:19 RC2004 /auth/cognito/clientSecret',
      '12:5 RC2002 /auth/cognito/regoin',
    ])
  })

  it('suggests the nearest key for a typo', () => {
    const d = analyze('spec.yaml', COGNITO.replace('clientId', 'clientID')).diagnostics
    expect(d.find((x) => x.code === 'RC2002')?.hint).toBe('Did you mean "clientId"?')
  })

  it('shows the reference forms when a secret is a literal, without echoing the secret', () => {
    const d = analyze('spec.yaml', COGNITO.replace('{ env: COGNITO_CLIENT_SECRET }', 'Sup3rS3cret!'))
    expect(d.diagnostics).toHaveLength(1)
    expect(d.diagnostics[0]!.code).toBe('RC2004')
    expect(d.diagnostics[0]!.hint).toContain('{ env: NAME }')
    expect(JSON.stringify(d.diagnostics)).not.toContain('Sup3rS3cret!')
  })

  it('requires the active provider section', () => {
    expect(codes('registry:\n  externalUrl: https://r.example.com\nauth:\n  provider: cognito\n')).toEqual(['4:3 RC2003 /auth/cognito'])
  })

  it('rejects a region that disagrees with the pool id (the guide\'s wrong-region failure)', () => {
    const d = analyze('spec.yaml', COGNITO.replace('clientId: abc', 'clientId: abc\n    region: eu-west-1')).diagnostics
    expect(d.map((x) => `${x.line}:${x.column} ${x.code}`)).toEqual(['8:13 RC3001'])
    expect(d[0]!.message).toContain('us-east-1')
  })

  it('rejects a pool id without a region prefix, a full-host domain and a trailing-slash URL', () => {
    const spec = COGNITO.replace('us-east-1_AbC123', 'AbC123').replace('clientId: abc', 'clientId: abc\n    domain: x.auth.us-east-1.amazoncognito.com').replace('registry.example.com', 'registry.example.com/')
    expect(codes(spec)).toEqual(['2:16 RC3005 /registry/externalUrl', '6:17 RC3002 /auth/cognito/userPoolId'])
    const domain = COGNITO.replace('clientId: abc', 'clientId: abc\n    domain: x.auth.us-east-1.amazoncognito.com')
    expect(codes(domain)).toEqual(['8:13 RC3003 /auth/cognito/domain'])
  })
})

describe('bad input never crashes', () => {
  const cases: [string, string, string][] = [
    ['malformed YAML', 'registry:\n  externalUrl: [unclosed\n', 'RC1002'],
    ['a tab-indented mapping', 'registry:\n\texternalUrl: x\n', 'RC1002'],
    ['a duplicate key', 'auth: {}\nauth: {}\n', 'RC1002'],
    ['an empty file', '', 'RC1003'],
    ['only comments', '# nothing\n# here\n', 'RC1003'],
    ['a list at the top', '- a\n- b\n', 'RC1006'],
    ['a scalar at the top', 'hello\n', 'RC1006'],
    ['binary garbage', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff, 0xfe]).toString('latin1'), 'RC1004'],
    ['invalid UTF-8', Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28]).toString('utf8'), 'RC1004'],
    ['a 10 MB file', 'a: ' + 'x'.repeat(10 * 1024 * 1024), 'RC1005'],
    ['wrong types everywhere', 'registry: 1\nauth: [1]\n', 'RC2001'],
    ['an alias bomb', 'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n', 'RC1'],
  ]
  for (const [name, text, code] of cases) {
    it(`gives a diagnostic for ${name}`, () => {
      const a = analyze('spec.yaml', text)
      expect(a.params).toBeUndefined()
      expect(a.diagnostics.length).toBeGreaterThan(0)
      expect(a.diagnostics.map((d) => d.code).some((c) => c.startsWith(code))).toBe(true)
      for (const d of a.diagnostics) expect(d.file).toBe('spec.yaml')
    })
  }
})
