import { describe, expect, it } from 'vitest'
import { allows, flattenServerAccess } from '../../src/runtime/scopes/evaluate.js'
import { MAX_BODY_CHARS, serverOf, targetOf } from '../../src/runtime/scopes/request.js'
import { registryAdminsDoc } from '../../src/runtime/scopes/bootstrap.js'
import type { ScopeDoc } from '../../src/runtime/scopes/types.js'

const doc = (server_access: unknown[]): ScopeDoc[] => [{ _id: 's', group_mappings: ['g'], server_access }]

// [rules, server, method, tool, allowed] — upstream validate_server_tool_access (§3.3)
const CASES: [unknown[], string, string, string | undefined, boolean][] = [
  [[{ server: 'time', methods: ['tools/list'], tools: [] }], 'time', 'tools/list', undefined, true],
  [[{ server: '/time/', methods: ['tools/list'] }], 'time', 'tools/list', undefined, true],
  [[{ server: 'time', methods: ['tools/list'] }], 'other', 'tools/list', undefined, false],
  [[{ server: '*', methods: ['initialize'] }], 'anything', 'initialize', undefined, true],
  [[{ server: 'time', methods: ['all'] }], 'time', 'resources/list', undefined, true],
  [[{ server: 'time', methods: ['*'] }], 'time', 'prompts/get', undefined, true],
  [[{ server: 'time', methods: ['tools/call'], tools: ['a'] }], 'time', 'tools/call', 'a', true],
  [[{ server: 'time', methods: ['tools/call'], tools: ['a'] }], 'time', 'tools/call', 'b', false],
  [[{ server: 'time', methods: ['tools/call'], tools: ['a'] }], 'time', 'tools/call', undefined, false],
  [[{ server: 'time', methods: ['tools/call'], tools: '*' }], 'time', 'tools/call', 'b', true],
  [[{ server: 'time', methods: ['tools/call'], tools: ['all'] }], 'time', 'tools/call', 'b', true],
  // server.py checks a tools/call's tool against `tools` only, and lets a wildcard `tools` grant any other method
  [[{ server: 'time', methods: ['tools/list'], tools: ['b'] }], 'time', 'tools/call', 'b', true],
  [[{ server: 'time', methods: ['tools/call'], tools: ['*'] }], 'time', 'resources/read', undefined, true],
  [[{ server: 'time', methods: [], tools: '*' }], 'time', 'tools/call', undefined, true],
  [[{ server: 'time', methods: ['tools/call'], tools: ['tools/call'] }], 'time', 'tools/call', undefined, true],
  [[{ server: '/*', methods: ['initialize'] }], 'anything', 'initialize', undefined, true],
  [[{ server: 'time', methods: ['initialize'], tools: ['tools/list'] }], 'time', 'tools/list', undefined, true],
  [[{ agents: { actions: ['x'] } }], 'time', 'tools/list', undefined, false],
  [[{ scope_name: 'x', access_rules: [{ server: 'time', methods: ['ping'] }] }], 'time', 'ping', undefined, true],
]

describe('scope evaluation (§3.3)', () => {
  for (const [rules, server, method, tool, allowed] of CASES) {
    it(`${JSON.stringify(rules)} ${server} ${method}${tool ? ` ${tool}` : ''} → ${allowed ? 'allow' : 'deny'}`, () => {
      expect(allows(doc(rules), server, method, tool)).toBe(allowed)
    })
  }

  it('the bootstrap registry-admins document allows everything and skips its agent rule', () => {
    expect(allows([registryAdminsDoc()], 'any/server', 'tools/call', 'any_tool')).toBe(true)
    expect(flattenServerAccess(registryAdminsDoc().server_access)).toHaveLength(1)
  })
})

describe('what /validate is asked about', () => {
  it('takes the server from the path minus mcp|sse|messages, and skips non-MCP paths', () => {
    expect(serverOf('https://r.example.com/currenttime/mcp')).toBe('currenttime')
    expect(serverOf('/peer/server/sse')).toBe('peer/server')
    expect(serverOf('/api/servers')).toBeUndefined()
    expect(serverOf(undefined)).toBeUndefined()
  })

  // server.py /validate: the endpoint is split off only after another segment, and only a path that does
  // not end in one is tested for `api` first (the registry's server asks a scope for all of these)
  it.each([
    ['/api/mcp', 'api'], ['/api/servers/sse', 'api/servers'], ['/mcp', 'mcp'], ['/mcp/', 'mcp'], ['/t/mcp/', 't'], ['/oauth2/login', 'oauth2/login'], ['/validate', 'validate'], ['/', undefined], ['/api', undefined],
  ])('reads the server of %s as the registry does: %s', (url, server) => {
    expect(serverOf(url)).toBe(server)
  })

  it('reads method and tool from the JSON-RPC body; no body means the URL\'s transport endpoint, else initialize; batches are refused', () => {
    expect(targetOf('/t/mcp', '{"method":"tools/call","params":{"name":"x"}}', false)).toEqual({ server: 't', method: 'tools/call', tool: 'x', rpc: true })
    expect(targetOf('/t/mcp', undefined, false)).toEqual({ server: 't', method: 'mcp', rpc: false })
    expect(targetOf('/t/sse', '', false)).toEqual({ server: 't', method: 'sse', rpc: false })
    expect(targetOf('/peer/t', undefined, false)).toEqual({ server: 'peer/t', method: 'initialize', rpc: false })
    expect(() => targetOf('/t/mcp', '[{"method":"a"},{"method":"b"}]', false)).toThrow(expect.objectContaining({ code: 'BODY_UNPARSEABLE', status: 400 }))
  })

  // the oracle is JSON.parse: what it refuses is a 400, and for the rest the method and params.name it gives
  it.each([
    ['{"method":"tools/call","params":{"name":"x"},"method":"tools/list"}', { method: 'tools/list', tool: 'x' }], // the last key wins
    ['[{"method":"tools/call","params":{"name":"t"}}]', { method: 'tools/call', tool: 't' }], // a batch of one
    ['{"method":"tools\\u002fcall","params":{"name":"\\u0074"}}', { method: 'tools/call', tool: 't' }],
    ['{"__proto__":{"method":"x"},"method":"tools/list"}', { method: 'tools/list' }],
    ['{"method":"tools/call","params":["x"]}', { method: 'tools/call' }],
  ])('reads %s as JSON.parse does', (body, want) => {
    expect(JSON.parse(body)).toBeDefined()
    expect(targetOf('/t/mcp', body, false)).toEqual({ server: 't', ...want, rpc: true })
  })

  it.each([['{not json'], ['{"method":"a",}'], ['[]'], ['null'], ['"tools/list"'], ['{"method":1}'], ['{"params":{}}'], ['{"method":"a"} x']])('refuses %s with a 400', (body) => {
    expect(() => targetOf('/t/mcp', body, false)).toThrow(expect.objectContaining({ code: 'BODY_UNPARSEABLE', status: 400 }))
  })

  it('refuses an uninspectable or oversized body with a 413, and parses one at the limit', () => {
    expect(() => targetOf('/t/mcp', undefined, true)).toThrow(expect.objectContaining({ code: 'BODY_UNINSPECTABLE', status: 413 }))
    const at = (n: number) => JSON.stringify({ method: 'tools/list', pad: '' }).replace('""', JSON.stringify('x'.repeat(n)))
    const base = at(0).length
    expect(targetOf('/t/mcp', at(MAX_BODY_CHARS - base), false)).toEqual({ server: 't', method: 'tools/list', rpc: true })
    expect(() => targetOf('/t/mcp', at(MAX_BODY_CHARS - base + 1), false)).toThrow(expect.objectContaining({ code: 'BODY_UNINSPECTABLE', status: 413 }))
  })
})
