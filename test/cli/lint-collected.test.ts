import { describe, expect, it } from 'vitest'
import { lintPaths } from '../../src/policy/run.js'
import { nodePolicyHost } from '../../src/policy/host.js'
import { tempDir, write } from '../policy/_fixtures.js'

describe('lintPaths onCollected', () => {
  it('is told the number of files once, before the first is read', async () => {
    const dir = tempDir()
    write(dir, { 'a/.env': 'AUTH_PROVIDER=cognito\n', 'b/values.yaml': 'x: 1\n', 'c/terraform.tfvars': 'a = 1\n', 'notes.txt': 'not a candidate\n' })
    const events: string[] = []
    const host = { ...nodePolicyHost, cwd: () => dir, readText: (p: string) => (events.push('read'), nodePolicyHost.readText(p)) }
    await lintPaths(host, [], { format: 'json', failOn: 'error', version: 'test', onCollected: (n) => events.push(`collected ${n}`) })
    expect(events).toEqual(['collected 3', 'read', 'read', 'read'])
  })
})
