import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMongo, type MongoServer } from '../../conformance/harness/mongo.js'
import { main } from '../../src/cli/main.js'
import { nodeHost } from '../../src/cli/host.js'
import { mcpHeaders, startRig, type Rig } from './_setup.js'

const UPSTREAM_ADMINS = {
  _id: 'registry-admins',
  group_mappings: ['registry-admins'],
  server_access: [{ server: '*', methods: ['all'], tools: ['all'] }, { agent: '*', actions: ['list_agents', 'get_agent', 'publish_agent', 'modify_agent', 'delete_agent', 'toggle_agent', 'invoke_agent'] }],
  ui_permissions: Object.fromEntries(['list_agents', 'get_agent', 'publish_agent', 'modify_agent', 'delete_agent', 'toggle_agent', 'list_skills', 'publish_skill', 'modify_skill', 'delete_skill', 'toggle_skill', 'list_service', 'register_service', 'health_check_service', 'toggle_service', 'modify_service', 'change_lifecycle_status', 'delete_service', 'list_virtual_server', 'create_virtual_server', 'modify_virtual_server', 'delete_virtual_server'].map((a) => [a, ['all']])),
}

const SPEC = `version: 1
registry:
  externalUrl: https://registry.example.com
auth:
  provider: keycloak
  secretKey: { env: SECRET_KEY }
  keycloak:
    url: https://kc.example.com
    externalUrl: https://kc.example.com
    clientSecret: { env: KEYCLOAK_CLIENT_SECRET }
scopes:
  - name: time-readers
    groups: [readers]
    servers:
      - { server: currenttime, methods: [initialize, tools/list, tools/call], tools: [current_time_by_timezone] }
`

function capture() {
  const out: string[] = []
  return { host: { ...nodeHost, stdout: (s: string) => void out.push(s), stderr: (s: string) => void out.push(s) }, out }
}

describe('scopes in MongoDB (FerretDB unless MONGODB_URI or a container runtime is available)', () => {
  let mongo: MongoServer
  let rig: Rig | undefined
  const saved = { ...process.env }
  beforeAll(async () => {
    mongo = await startMongo()
    process.env.MONGODB_CONNECTION_STRING = mongo.uri
    process.env.DOCUMENTDB_NAMESPACE = 'regcfgtest'
    process.env.DOCUMENTDB_DATABASE = 'regcfg_test'
  })
  afterAll(async () => {
    process.env = saved
    await rig?.stop()
    await mongo?.stop()
  })

  it('db seed is idempotent and writes the exact upstream registry-admins document plus the spec mappings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regcfg-seed-'))
    writeFileSync(join(dir, 'spec.yaml'), SPEC)
    for (let i = 0; i < 2; i++) {
      const { host, out } = capture()
      expect(await main(['db', 'seed', join(dir, 'spec.yaml')], host), out.join('')).toBe(0)
      if (i === 1) expect(out.join('')).toContain('(0 new, 0 changed)')
    }
    const client = await MongoClient.connect(mongo.uri)
    try {
      const col = client.db('regcfg_test').collection('mcp_scopes_regcfgtest')
      expect(await col.countDocuments()).toBe(2)
      expect(await col.findOne({ _id: 'registry-admins' as never })).toEqual(UPSTREAM_ADMINS)
      expect((await col.findOne({ _id: 'time-readers' as never }))?.group_mappings).toEqual(['readers'])
      expect((await col.indexes()).some((ix) => ix.key.group_mappings === 1)).toBe(true)
    } finally {
      await client.close()
    }
  })

  it('db seed without storage configured is a clear usage error', async () => {
    const { host, out } = capture()
    const uri = process.env.MONGODB_CONNECTION_STRING
    delete process.env.MONGODB_CONNECTION_STRING
    try {
      const dir = mkdtempSync(join(tmpdir(), 'regcfg-seed-'))
      writeFileSync(join(dir, 'spec.yaml'), SPEC)
      expect(await main(['db', 'seed', join(dir, 'spec.yaml')], host)).toBe(2)
      expect(out.join('')).toContain('no storage configured')
    } finally {
      process.env.MONGODB_CONNECTION_STRING = uri
    }
  })

  it('serves cached mappings while Mongo is down, then fails closed with 503, and recovers', async (t) => {
    if (!mongo.canFail) return t.skip()
    let clock = 1_000_000
    rig = await startRig('keycloak', {
      env: { MONGODB_CONNECTION_STRING: mongo.uri, DOCUMENTDB_NAMESPACE: 'regcfgtest', DOCUMENTDB_DATABASE: 'regcfg_test' },
      cache: { ttlMs: 0, staleMs: 60_000, now: () => clock },
      storageTimeoutMs: 400,
    })
    const token = await rig.idp.signToken({ preferred_username: 'erin', groups: ['readers'], aud: 'mcp-gateway-web' })
    const ask = async () => (await fetch(`${rig!.auth.url}/validate`, { headers: { authorization: `Bearer ${token}`, ...mcpHeaders('currenttime', 'tools/list') } })).status
    expect(await ask()).toBe(200)
    await mongo.outage()
    const during = await ask()
    expect(during, rig.logs.slice(-4).join("\n")).toBe(200) // last known mappings, within the stale bound
    clock += 59_000
    expect(await ask()).toBe(200) // still within 60 s of the last good answer
    clock += 2_000
    expect(await ask()).toBe(503) // past the bound: fail closed
    expect(rig.logs.some((l) => l.includes('STORAGE_UNAVAILABLE'))).toBe(true)
    await mongo.recover()
    let status = 0
    for (let i = 0; i < 20 && status !== 200; i++) status = await ask()
    expect(status).toBe(200)
  })
})
