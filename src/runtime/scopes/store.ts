/**
 * The MongoDB/DocumentDB scope repository (and, with session-store.ts, the only modules that import `mongodb`), only when storage
 * is configured and first used (the driver costs start-up time and ~17 MB for BSON's buffer; a server
 * serving the spec's scopes from memory never loads it).
 * Collections are `<name>_<namespace>` as upstream (get_collection_name).
 */
import type { Collection, MongoClient, MongoClientOptions } from 'mongodb'
import type { StorageConfig } from '../config.js'
import { registryAdminsDoc } from './bootstrap.js'
import type { ScopeDoc, ScopeSource } from './types.js'

export const scopesCollectionName = (namespace: string): string => `mcp_scopes_${namespace}`

/** The connection string: MONGODB_CONNECTION_STRING when set, else assembled from DOCUMENTDB_*. */
export function connectionUri(s: StorageConfig): string {
  if (s.connectionString) return s.connectionString
  const auth = s.username ? `${encodeURIComponent(s.username)}:${encodeURIComponent(s.password ?? '')}@` : ''
  const q = new URLSearchParams()
  if (s.username) q.set('authMechanism', s.backend === 'documentdb' ? 'SCRAM-SHA-1' : 'SCRAM-SHA-256')
  if (s.backend === 'documentdb') q.set('retryWrites', 'false')
  return `mongodb://${auth}${s.host}:${s.port}/?${q}`
}

export function clientOptions(s: StorageConfig, timeoutMs: number): MongoClientOptions {
  return {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs,
    ...(s.useTls ? { tls: true } : {}),
    ...(s.tlsCaFile ? { tlsCAFile: s.tlsCaFile } : {}),
  }
}

export interface MongoScopes extends ScopeSource {
  /** Indexes + the bootstrap registry-admins document + the given documents, each upserted. */
  seed(docs: readonly ScopeDoc[]): Promise<{ upserted: number; modified: number }>
  collectionName: string
}

export function mongoScopes(s: StorageConfig, timeoutMs = 2_000): MongoScopes {
  let client: Promise<MongoClient> | undefined
  const connect = () => (client ??= import('mongodb').then(({ MongoClient }) => new MongoClient(connectionUri(s), clientOptions(s, timeoutMs))))
  const name = scopesCollectionName(s.namespace)
  const col = async (): Promise<Collection<ScopeDoc>> => (await connect()).db(s.database).collection<ScopeDoc>(name)
  return {
    collectionName: name,
    async findByGroups(groups) {
      return (await col()).find({ group_mappings: { $in: [...groups] } }, { maxTimeMS: timeoutMs }).toArray()
    },
    async findByIds(ids) {
      return (await col()).find({ _id: { $in: [...ids] } }, { maxTimeMS: timeoutMs }).toArray()
    },
    async mappedGroups() {
      // as the registry's get_all_mapped_group_names: one projected query, not the scope cache
      const docs = await (await col()).find({}, { projection: { group_mappings: 1 }, maxTimeMS: timeoutMs }).toArray()
      return new Set(docs.flatMap((d) => d.group_mappings ?? []))
    },
    async seed(docs) {
      const c = await col()
      // the registry's scope repository creates this index too (create_index("group_mappings"), default name
      // group_mappings_1): another name for the same key fails whichever of the two comes second
      await c.createIndex({ group_mappings: 1 })
      let upserted = 0
      let modified = 0
      for (const d of [registryAdminsDoc(), ...docs]) {
        const { _id, ...rest } = d
        const r = await c.updateOne({ _id }, { $set: rest }, { upsert: true })
        upserted += r.upsertedCount
        modified += r.modifiedCount
      }
      return { upserted, modified }
    },
    close: async () => {
      if (client) await (await client).close()
    },
  }
}
