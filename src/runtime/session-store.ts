/**
 * The server-side session record, where the registry keeps it: `oauth_sessions_<namespace>` (the
 * registry's auth_server/session_store.py, which the registry itself reads through
 * registry/auth/session_store.py). The cookie carries only the signed session id (session-cookie.ts).
 * Document fields, indexes and the id_token's encryption are the registry's:
 *   { session_id, username, email, name, groups, provider, auth_method: "oauth2", created_at, expires_at,
 *     subject?, id_token_encrypted? }   ux_session_id (unique), ttl_expires_at (expireAfterSeconds 0)
 *   id_token_encrypted = nonce(12) ‖ AES-256-GCM(ciphertext ‖ tag), key HKDF-SHA256(SECRET_KEY, no salt,
 *   info "mcp-gateway-session-id-token-encryption") (registry/auth/session_crypto.py)
 * Without storage (serve --spec) the records live in this process's memory: the same interface, one replica.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import type { MongoClient } from 'mongodb'
import type { StorageConfig } from './config.js'
import { clientOptions, connectionUri } from './scopes/store.js'

export interface NewSession {
  username: string
  email?: string
  name?: string
  groups: string[]
  provider: string
  subject?: string
  idToken?: string
}

export interface StoredSession extends NewSession {
  sessionId: string
  authMethod: string
}

export interface SessionStore {
  /** Persists a session for maxAgeSeconds and returns its id (64 hex characters, as secrets.token_hex(32)). */
  create(s: NewSession, maxAgeSeconds: number): Promise<string>
  /** The live session, or undefined (missing, expired, store unreachable: a 401, never a 500). */
  resolve(sessionId: string): Promise<StoredSession | undefined>
  close(): Promise<void>
}

export const sessionsCollectionName = (namespace: string): string => `oauth_sessions_${namespace}`

const HKDF_INFO = 'mcp-gateway-session-id-token-encryption'

export class IdTokenCipher {
  private readonly key: Buffer
  constructor(secretKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(secretKey, 'utf8'), Buffer.alloc(0), HKDF_INFO, 32))
  }
  encrypt(token: string): Buffer {
    const nonce = randomBytes(12)
    const c = createCipheriv('aes-256-gcm', this.key, nonce)
    return Buffer.concat([nonce, c.update(token, 'utf8'), c.final(), c.getAuthTag()])
  }
  decrypt(blob: Buffer): string {
    const d = createDecipheriv('aes-256-gcm', this.key, blob.subarray(0, 12))
    d.setAuthTag(blob.subarray(blob.length - 16))
    return Buffer.concat([d.update(blob.subarray(12, blob.length - 16)), d.final()]).toString('utf8')
  }
}

const newId = () => randomBytes(32).toString('hex')

interface SessionDoc {
  session_id: string
  username: string
  email: string | null
  name: string | null
  groups: string[]
  provider: string
  auth_method: string
  created_at: Date
  expires_at: Date
  subject?: string
  id_token_encrypted?: Buffer | { buffer: Uint8Array }
}

function toDoc(id: string, s: NewSession, maxAgeSeconds: number, cipher: IdTokenCipher): SessionDoc {
  const now = new Date()
  return {
    session_id: id,
    username: s.username,
    email: s.email ?? null,
    name: s.name ?? null,
    groups: [...s.groups],
    provider: s.provider,
    auth_method: 'oauth2',
    created_at: now,
    expires_at: new Date(now.getTime() + maxAgeSeconds * 1000),
    ...(s.subject ? { subject: s.subject } : {}),
    ...(s.idToken ? { id_token_encrypted: cipher.encrypt(s.idToken) } : {}),
  }
}

function fromDoc(d: SessionDoc, cipher: IdTokenCipher): StoredSession | undefined {
  if (!d.username || (d.expires_at && d.expires_at.getTime() <= Date.now())) return undefined
  let idToken: string | undefined
  if (d.id_token_encrypted) {
    try {
      const raw = d.id_token_encrypted
      idToken = cipher.decrypt(Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer))
    } catch {
      /* the registry logs and goes on without it */
    }
  }
  return {
    sessionId: d.session_id,
    username: d.username,
    ...(d.email ? { email: d.email } : {}),
    ...(d.name ? { name: d.name } : {}),
    groups: Array.isArray(d.groups) ? d.groups.filter((g): g is string => typeof g === 'string') : [],
    provider: d.provider,
    authMethod: d.auth_method,
    ...(d.subject ? { subject: d.subject } : {}),
    ...(idToken ? { idToken } : {}),
  }
}

export function mongoSessions(s: StorageConfig, secretKey: string, timeoutMs = 2_000): SessionStore {
  const cipher = new IdTokenCipher(secretKey)
  let client: Promise<MongoClient> | undefined
  let indexed: Promise<unknown> | undefined
  const connect = () => (client ??= import('mongodb').then(({ MongoClient }) => new MongoClient(connectionUri(s), clientOptions(s, timeoutMs))))
  const col = async () => {
    const c = (await connect()).db(s.database).collection<SessionDoc>(sessionsCollectionName(s.namespace), { writeConcern: { w: 'majority' }, readPreference: 'primaryPreferred' })
    indexed ??= Promise.all([c.createIndex({ session_id: 1 }, { unique: true, name: 'ux_session_id' }), c.createIndex({ expires_at: 1 }, { expireAfterSeconds: 0, name: 'ttl_expires_at' })]).catch(() => (indexed = undefined))
    await indexed
    return c
  }
  return {
    async create(x, maxAgeSeconds) {
      const id = newId()
      await (await col()).insertOne(toDoc(id, x, maxAgeSeconds, cipher))
      return id
    },
    async resolve(id) {
      if (!id) return undefined
      try {
        const d = await (await col()).findOne({ session_id: id }, { maxTimeMS: timeoutMs })
        return d ? fromDoc(d as SessionDoc, cipher) : undefined
      } catch {
        return undefined
      }
    },
    close: async () => {
      if (client) await (await client).close()
    },
  }
}

/** One process's sessions (no storage configured): bounded, the oldest go first. */
export function memorySessions(secretKey: string, maxEntries = 10_000): SessionStore {
  const cipher = new IdTokenCipher(secretKey)
  const docs = new Map<string, SessionDoc>()
  return {
    async create(x, maxAgeSeconds) {
      const id = newId()
      if (docs.size >= maxEntries) docs.delete(docs.keys().next().value!)
      docs.set(id, toDoc(id, x, maxAgeSeconds, cipher))
      return id
    },
    async resolve(id) {
      const d = docs.get(id)
      return d ? fromDoc(d, cipher) : undefined
    },
    close: async () => void docs.clear(),
  }
}
