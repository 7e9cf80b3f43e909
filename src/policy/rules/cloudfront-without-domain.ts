import type { Rule } from '../types.js'

const isFalse = (v: unknown): boolean => v === false || v === 'false'
const isTrue = (v: unknown): boolean => v === true || v === 'true'

/** CloudFront-only mode: the registry URL is the distribution's domain, which changes when it is recreated. */
export const cloudfrontWithoutDomain: Rule = {
  id: 'RC5108',
  name: 'cloudfront-without-custom-domain',
  severity: 'warning',
  kind: 'config',
  description: 'enable_cloudfront = true with enable_route53_dns = false (CloudFront-only mode): the registry URL is the *.cloudfront.net domain, which changes whenever an apply recreates the distribution, and the callback and sign-out URLs registered on the App Client silently stop matching.',
  fix: 'Use a custom domain (enable_route53_dns = true with root_domain), or re-register <cloudfront URL>/oauth2/callback/<provider> and <cloudfront URL>/login after every apply that recreates the distribution.',
  check(view) {
    if (view.file.kind !== 'terraform') return []
    const cf = view.file.entries.find((e) => e.key === 'enable_cloudfront' && isTrue(e.value))
    const dns = view.file.entries.find((e) => e.key === 'enable_route53_dns')
    if (!cf || !dns || !isFalse(dns.value)) return []
    return [{ at: cf, subject: 'enable_cloudfront', message: 'CloudFront-only mode (enable_cloudfront = true, enable_route53_dns = false): the registry domain changes when the distribution is recreated, and the App Client\'s callback and sign-out URLs drift' }]
  },
}
