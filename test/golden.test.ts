import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyze } from '../src/compiler/index.js'
import { emitSurfaces } from '../src/surfaces/emit.js'
import { isSecretRef, SURFACES, type ParameterId } from '../src/compiler/types.js'

/** Golden files for every example; UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts rewrites them. */
const examples = readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort()

/**
 * full.yaml sets a parameter of every group, so some are ones a surface cannot carry (ECS-only on
 * Compose, Compose-only on ECS): RC4002 warnings, the only diagnostics it may have.
 */
const expectedWarnings = (file: string): string[] => (file === 'full.yaml' ? ['RC4002'] : [])
const unexpected = (file: string, ds: { code: string; severity: string }[]) => ds.filter((d) => d.severity !== 'info' && !(d.severity === 'warning' && expectedWarnings(file).includes(d.code)))

function compileExample(file: string) {
  const a = analyze(`examples/${file}`, readFileSync(`examples/${file}`, 'utf8'))
  expect(unexpected(file, a.diagnostics)).toEqual([])
  // stand-in secret values: the golden .env shows where secrets land, never a real one
  const secrets = new Map<ParameterId, string>([...a.params!].filter(([, v]) => isSecretRef(v)).map(([id]) => [id, `<${id}>`]))
  return emitSurfaces(a, SURFACES, { secrets, writeSecrets: true, envSecretName: 'auth-server-env', specName: `examples/${file}` })
}

describe('examples compile clean and match their golden files', () => {
  for (const file of examples) {
    it(file, () => {
      const results = compileExample(file)
      for (const [surface, r] of results) {
        expect(unexpected(file, r.diagnostics)).toEqual([])
        for (const f of r.files) {
          // named so that no ignore rule (.env, *.auto.tfvars) hides a golden file from git
          const golden = join('test/golden', file.replace(/\.yaml$/, ''), surface, f.path.replace(/^\./, '_') + '.golden')
          if (process.env.UPDATE_GOLDEN) {
            mkdirSync(join(golden, '..'), { recursive: true })
            writeFileSync(golden, f.content)
          }
          expect(f.content, golden).toBe(readFileSync(golden, 'utf8'))
        }
      }
    })
  }

  it('output is byte-identical from run to run', () => {
    for (const file of examples) {
      const a = [...compileExample(file).values()].map((r) => r.files.map((f) => f.content).join('\0')).join('\0')
      const b = [...compileExample(file).values()].map((r) => r.files.map((f) => f.content).join('\0')).join('\0')
      expect(a).toBe(b)
    }
  })
})
