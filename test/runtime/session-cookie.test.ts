import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultRegistryDir, registryAuthServerMissing, registryVenv } from '../../conformance/harness/registry-auth-server.js'
import { TimedSerializer } from '../../src/runtime/session-cookie.js'
import { IdTokenCipher } from '../../src/runtime/session-store.js'

/**
 * The session cookie and the stored id_token against the REAL libraries the registry uses: itsdangerous
 * (URLSafeTimedSerializer) and cryptography (AESGCM + HKDF, as registry/auth/session_crypto.py), in the
 * venv tools/setup-test-services.sh installs from the registry's uv.lock.
 */
const python = join(registryVenv(), 'bin', 'python')
const registryRoot = defaultRegistryDir()
const missing = registryAuthServerMissing(registryRoot) ?? (existsSync(python) ? undefined : `no ${python} (run tools/setup-test-services.sh)`)

const PY = `
import sys, json, time, base64, os
from itsdangerous import URLSafeTimedSerializer, BadSignature, SignatureExpired
op, key = sys.argv[1], sys.argv[2]
s = URLSafeTimedSerializer(key)
if op == 'dumps':
    print(s.dumps(json.loads(sys.argv[3])))
elif op == 'loads':
    try:
        print(json.dumps({'value': s.loads(sys.argv[3], max_age=int(sys.argv[4]))}))
    except SignatureExpired:
        print(json.dumps({'error': 'expired'}))
    except BadSignature:
        print(json.dumps({'error': 'bad signature'}))
else:
    os.environ['SECRET_KEY'] = key
    sys.path.insert(0, sys.argv[-1])
    from registry.auth import session_crypto
    if op == 'encrypt':
        print(base64.b64encode(session_crypto.encrypt_id_token(sys.argv[3])).decode())
    else:
        print(session_crypto.decrypt_id_token(base64.b64decode(sys.argv[3])))
`
const py = (...args: string[]) => execFileSync(python, ['-c', PY, ...args, registryRoot], { encoding: 'utf8' }).trim()

const KEY = 'test-only-signing-key-0123456789abcdef-0123'
const ID = 'a'.repeat(8) + '0123456789abcdef'.repeat(3) + 'ffeeddcc'

describe.skipIf(missing !== undefined)(`session cookie = itsdangerous URLSafeTimedSerializer${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const ours = new TimedSerializer(KEY)

  it('reads what Python signs (a session id, a compressed payload, unicode)', () => {
    for (const value of [ID, 'x'.repeat(300), { legacy: 'dict', groups: ['ä', 'b'] }]) {
      const got = ours.loads(py('dumps', KEY, JSON.stringify(value)), 28800)
      expect(got).toMatchObject({ ok: true, value })
    }
  })

  it('Python reads what we sign, and refuses it under another key or when too old', () => {
    for (const value of [ID, 'y'.repeat(300)]) {
      expect(JSON.parse(py('loads', KEY, ours.dumps(value), '28800'))).toEqual({ value })
    }
    expect(JSON.parse(py('loads', 'another-key-of-at-least-32-characters!!', ours.dumps(ID), '28800'))).toEqual({ error: 'bad signature' })
    expect(JSON.parse(py('loads', KEY, ours.dumps(ID, Date.now() / 1000 - 30_000), '28800'))).toEqual({ error: 'expired' })
  })

  it('refuses what Python signed under another key, a tampered value, an old one', () => {
    const other = py('dumps', 'another-key-of-at-least-32-characters!!', JSON.stringify(ID))
    expect(ours.loads(other, 28800)).toEqual({ ok: false, why: 'bad signature' })
    const good = py('dumps', KEY, JSON.stringify(ID))
    const flip = (c: string) => (c === 'A' ? 'B' : 'A')
    expect(ours.loads(`${good.slice(0, 3)}${flip(good[3]!)}${good.slice(4)}`, 28800)).toEqual({ ok: false, why: 'bad signature' })
    expect(ours.loads(good, 28800, Date.now() / 1000 + 28801)).toEqual({ ok: false, why: 'expired' })
  })

  it('the stored id_token: the registry decrypts ours, we decrypt the registry\'s (session_crypto.py)', () => {
    const cipher = new IdTokenCipher(KEY)
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln'
    expect(py('decrypt', KEY, cipher.encrypt(token).toString('base64'))).toBe(token)
    expect(cipher.decrypt(Buffer.from(py('encrypt', KEY, token), 'base64'))).toBe(token)
  })
})
