import { readdirSync, readFileSync } from 'node:fs'
import { analyze } from '../../src/compiler/index.js'
import { emitSurfaces } from '../../src/surfaces/emit.js'
import { isSecretRef, SURFACES, type ParameterId } from '../../src/compiler/types.js'

/** The examples and every file `regcfg compile` makes of them (stand-in secrets `<id>`): real surface files to read. */
export function exampleTexts(): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = []
  for (const ex of readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort()) {
    const text = readFileSync(`examples/${ex}`, 'utf8')
    out.push({ path: `examples/${ex}`, text })
    const a = analyze(`examples/${ex}`, text)
    const secrets = new Map<ParameterId, string>([...a.params!].filter(([, v]) => isSecretRef(v)).map(([id]) => [id, `<${id}>`]))
    for (const [surface, r] of emitSurfaces(a, SURFACES, { secrets, writeSecrets: true, envSecretName: 'auth-server-env', specName: ex })) {
      for (const f of r.files) out.push({ path: `out/${ex}/${surface}/${f.path}`, text: f.content })
    }
  }
  return out
}
