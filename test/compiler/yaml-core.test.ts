import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { load } from '../../src/compiler/load.js'

describe('the fast spec reader’s scalars', () => {
  it('resolves plain scalars as the yaml package (YAML 1.2 core) does, YAML 1.1 look-alikes included', () => {
    const scalars = ['0b1', '0b101', '1_000', '1_0.5', '0o17', '0x1F', '017', '1e3', '1E-2', '.5', '5.', '+12', '-0', '-.Inf', '.inf', '.NaN', 'nan', '1:20', 'yes', 'No', 'on', 'y', '~', 'null', 'Null', 'NULL', 'true', 'False', 'TRUE', '2001-12-14', '0x', '0o8', '12e', '.', '1.2.3', '+.5', '0b1a']
    for (const s of scalars) {
      const text = `registry:\n  v: ${s}\n  q: "${s}"\n`
      const loaded = load('spec.yaml', text)
      expect(loaded.diagnostics, s).toEqual([])
      expect(loaded.source!.data, s).toEqual(parse(text))
    }
  })
})
