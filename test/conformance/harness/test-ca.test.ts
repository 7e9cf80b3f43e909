import { readFileSync } from 'node:fs'
import { createServer } from 'node:https'
import { connect, rootCertificates } from 'node:tls'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueTestCa, type TestCa } from '../../../conformance/harness/test-ca.js'

/** The verdict of Node's own TLS client (OpenSSL underneath) on the test CA's server certificate. */
function handshake(port: number, ca: string, servername: string): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port, ca, servername }, () => {
      resolve(s.authorized ? 'trusted' : String(s.authorizationError))
      s.end()
    })
    s.on('error', (e) => resolve(e.message))
  })
}

describe('test CA', () => {
  let ca: TestCa
  let server: ReturnType<typeof createServer>
  let port: number
  beforeAll(async () => {
    ca = await issueTestCa(['cognito-idp.us-east-1.amazonaws.com', 'dev-1.okta.com'])
    server = createServer({ cert: ca.cert, key: ca.key }, (_req, res) => res.end('ok'))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    await new Promise((r) => server.close(r))
    ca.remove()
  })

  it('serves every name it was made for, trusted through the CA file alone', async () => {
    const pem = readFileSync(ca.caFile, 'utf8')
    expect(await handshake(port, pem, 'cognito-idp.us-east-1.amazonaws.com')).toBe('trusted')
    expect(await handshake(port, pem, 'dev-1.okta.com')).toBe('trusted')
  })

  it('is refused for any other name, and without the CA', async () => {
    const pem = readFileSync(ca.caFile, 'utf8')
    expect(await handshake(port, pem, 'login.microsoftonline.com')).toMatch(/altnames|ERR_TLS_CERT_ALTNAME_INVALID/i)
    expect(await handshake(port, rootCertificates.join('\n'), 'dev-1.okta.com')).toMatch(/self.signed|unable to (get|verify)/i)
  })
})
