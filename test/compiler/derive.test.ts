import { describe, expect, it } from 'vitest'
import { callbackUrlOf, cognitoHostedUiBase, cognitoIssuer, cognitoRegionOf, isBaseUrl, isDomainPrefix, jwksUriOf, signOutUrlOf } from '../../src/compiler/derive.js'

describe('derivations from the setup guide', () => {
  it('takes the Cognito region from the pool id prefix', () => {
    expect(cognitoRegionOf('us-east-1_AbC123xyz')).toBe('us-east-1')
    expect(cognitoRegionOf('eu-central-1_Q9')).toBe('eu-central-1')
    expect(cognitoRegionOf('us-gov-west-1_Abc')).toBe('us-gov-west-1')
    expect(cognitoRegionOf('ap-southeast-2_x1')).toBe('ap-southeast-2')
  })

  it('rejects pool ids that are not <region>_<id>', () => {
    for (const bad of ['', 'us-east-1', 'AbC123', 'us-east-1-AbC', 'US-EAST-1_abc', 'us-east-1_', 'us-east-1_ab-c']) expect(cognitoRegionOf(bad)).toBeUndefined()
  })

  it('derives the hosted UI from the pool id without "_" (case kept) when the domain is empty', () => {
    expect(cognitoHostedUiBase('us-east-1_AbC123xyz', 'us-east-1')).toBe('https://us-east-1AbC123xyz.auth.us-east-1.amazoncognito.com')
    expect(cognitoHostedUiBase('us-east-1_AbC123xyz', 'us-east-1', '')).toBe('https://us-east-1AbC123xyz.auth.us-east-1.amazoncognito.com')
  })

  it('uses a domain prefix as given', () => {
    expect(cognitoHostedUiBase('us-east-1_AbC', 'us-east-1', 'my-registry')).toBe('https://my-registry.auth.us-east-1.amazoncognito.com')
  })

  it('tells a prefix from a host or URL', () => {
    expect(isDomainPrefix('my-registry')).toBe(true)
    expect(isDomainPrefix('my-registry.auth.us-east-1.amazoncognito.com')).toBe(false)
    expect(isDomainPrefix('https://x')).toBe(false)
    expect(isDomainPrefix('-bad')).toBe(false)
    expect(isDomainPrefix('UPPER')).toBe(false)
  })

  it('builds the issuer and JWKS URLs from region and pool id', () => {
    const iss = cognitoIssuer('eu-west-1_Zz9', 'eu-west-1')
    expect(iss).toBe('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Zz9')
    expect(jwksUriOf(iss)).toBe('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Zz9/.well-known/jwks.json')
  })

  it('builds the callback and sign-out URLs', () => {
    expect(callbackUrlOf('https://registry.example.com', 'cognito')).toBe('https://registry.example.com/oauth2/callback/cognito')
    expect(callbackUrlOf('http://localhost:8888', 'keycloak')).toBe('http://localhost:8888/oauth2/callback/keycloak')
    expect(signOutUrlOf('https://registry.example.com')).toBe('https://registry.example.com/login')
  })

  it('accepts only absolute http(s) base URLs without a trailing slash', () => {
    expect(isBaseUrl('https://registry.example.com')).toBe(true)
    expect(isBaseUrl('http://localhost:8888')).toBe(true)
    expect(isBaseUrl('https://x.example.com/auth-server')).toBe(true)
    for (const bad of ['https://registry.example.com/', 'registry.example.com', 'ftp://x', 'https://x?y=1', 'https://u:p@x', '']) expect(isBaseUrl(bad)).toBe(false)
  })
})
