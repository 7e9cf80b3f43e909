import { describe, expect, it } from 'vitest'
import { SHORT_RUN_FILES, shortRunTiering } from '../../src/cli/tiering.js'
import { lintPaths } from '../../src/policy/run.js'
import { nodePolicyHost } from '../../src/policy/host.js'
import { tempDir, write } from '../policy/_fixtures.js'

describe('shortRunTiering', () => {
  const record = () => {
    const set: string[] = []
    return { set, flag: (f: string) => void set.push(f) }
  }

  it('caps V8 at Sparkplug for a short run, and end() gives every tier back', () => {
    const r = record()
    const t = shortRunTiering(1_000, '', r.flag)
    expect(r.set).toEqual(['--no-opt'])
    t.end()
    expect(r.set).toEqual(['--no-opt', '--opt'])
  })

  it('leaves V8 alone for a long run', () => {
    const r = record()
    shortRunTiering(SHORT_RUN_FILES + 1, '', r.flag).end()
    expect(r.set).toEqual([])
  })

  it.each(['--max-opt=3', '--no-opt', '--turbofan', '--jitless', '--maglev', '--no-sparkplug'])('leaves V8 alone when the user set %s', (flag) => {
    const r = record()
    shortRunTiering(10, `--enable-source-maps ${flag}`, r.flag).end()
    expect(r.set).toEqual([])
  })
})

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
