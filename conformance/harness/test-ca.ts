/**
 * A certificate authority of one run's own: a CA certificate (the one file a process under test is told
 * to trust: SSL_CERT_FILE, REQUESTS_CA_BUNDLE) and a server certificate for the given DNS names, signed
 * by it, both valid for a day. Made with the openssl CLI (Node can verify X.509 but not issue it; openssl
 * is on every machine the suite runs on). Nothing goes into a system trust store; `remove()` deletes it all.
 *
 * The extensions are the ones Python 3.13's default context checks under VERIFY_X509_STRICT: a critical
 * CA basicConstraints with keyCertSign, key identifiers on both, and serverAuth on the leaf.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface TestCa {
  /** The CA certificate's file (PEM): what the process under test trusts. */
  caFile: string
  /** The server certificate and its key (PEM), for a TLS listener answering as `names`. */
  cert: string
  key: string
  remove(): void
}

export async function issueTestCa(names: readonly string[]): Promise<TestCa> {
  const dir = mkdtempSync(join(tmpdir(), 'regcfg-test-ca-'))
  const at = (f: string) => join(dir, f)
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  try {
    writeFileSync(at('leaf.ext'), [
      `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`,
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid,issuer',
    ].join('\n') + '\n')
    const caExt = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash'].flatMap((x) => ['-addext', x])
    await run('openssl', ['req', '-x509', ...ec, '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '1', '-subj', '/CN=regcfg conformance test CA', ...caExt], { cwd: dir })
    await run('openssl', ['req', ...ec, '-keyout', at('leaf.key'), '-out', at('leaf.csr'), '-subj', `/CN=${names[0] ?? 'regcfg mock IdP'}`], { cwd: dir })
    await run('openssl', ['x509', '-req', '-in', at('leaf.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('leaf.pem'), '-days', '1', '-extfile', at('leaf.ext')], { cwd: dir })
  } catch (e) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`the test CA could not be made with openssl: ${(e as { stderr?: string }).stderr?.trim() || (e as Error).message}`)
  }
  return {
    caFile: at('ca.pem'),
    cert: readFileSync(at('leaf.pem'), 'utf8'),
    key: readFileSync(at('leaf.key'), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
