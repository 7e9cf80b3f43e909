import { describe, expect, it } from 'vitest'
import { analyze } from '../../src/compiler/index.js'
import { specGroups } from '../../src/doctor/groups.js'
import { targetOf } from '../../src/doctor/target.js'
import { mergeUrls, staleCloudFront } from '../../src/doctor/urls.js'
import { CODES } from '../../src/doctor/codes.js'
import { readFileSync } from 'node:fs'

describe('doctor targets from the spec', () => {
  it('cognito: URLs from the derivations, the derived domain prefix in lowercase, registry-admins always', () => {
    const a = analyze('examples/cognito.yaml', readFileSync('examples/cognito.yaml', 'utf8'))
    expect(targetOf(a)).toEqual({
      provider: 'cognito',
      userPoolId: 'us-east-1_AbC123xyz',
      clientId: '4example1client2id3abc',
      region: 'us-east-1',
      domainPrefix: 'us-east-1abc123xyz',
      hostedUiBase: 'https://us-east-1AbC123xyz.auth.us-east-1.amazoncognito.com',
      callbackUrl: 'https://registry.example.com/oauth2/callback/cognito',
      signOutUrl: 'https://registry.example.com/login',
      groups: ['registry-admins', 'public-mcp-users', 'finance'],
    })
  })

  it('keycloak: defaults from the parameter map', () => {
    const a = analyze('examples/keycloak.yaml', readFileSync('examples/keycloak.yaml', 'utf8'))
    expect(targetOf(a)).toMatchObject({ provider: 'keycloak', realm: 'mcp-gateway', clientId: 'mcp-gateway-web', admin: 'admin', callbackUrl: 'https://registry.example.com/oauth2/callback/keycloak', adminPassword: { env: 'KEYCLOAK_ADMIN_PASSWORD' } })
  })

  it('reads group names defensively from scopes', () => {
    expect(specGroups({ scopes: [{ groups: ['a', 'registry-admins'] }, { groups: 'x' }, null] })).toEqual(['registry-admins', 'a'])
    expect(specGroups({ scopes: { s: { groups: [{ name: 'b' }] } } })).toEqual(['registry-admins', 'b'])
    expect(specGroups({})).toEqual(['registry-admins'])
  })
})

describe('URL lists', () => {
  it('merge keeps order and every URL', () => {
    expect(mergeUrls(['b', 'a'], ['a', 'c'])).toEqual(['b', 'a', 'c'])
    expect(mergeUrls(undefined, ['a'])).toEqual(['a'])
  })

  it('a stale CloudFront URL needs the spec on CloudFront and the same path on another distribution', () => {
    const want = 'https://dnew.cloudfront.net/login'
    expect(staleCloudFront(['https://dold.cloudfront.net/login', 'https://dold.cloudfront.net/other', 'https://x.example.com/login'], want)).toEqual([{ url: 'https://dold.cloudfront.net/login', host: 'dold.cloudfront.net' }])
    expect(staleCloudFront(['https://dold.cloudfront.net/login'], 'https://registry.example.com/login')).toEqual([])
  })
})

describe('docs/doctor.md', () => {
  it('lists every code of the catalogue', () => {
    const doc = readFileSync('docs/doctor.md', 'utf8')
    for (const code of Object.keys(CODES)) expect(doc).toContain(`| ${code} |`)
  })
})
