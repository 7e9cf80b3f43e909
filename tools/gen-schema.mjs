// Regenerates schema/registry.schema.json from schema/parameters.yaml (run after editing the map).
import { writeFileSync } from 'node:fs'
import { build } from 'esbuild'
const out = await build({ entryPoints: ['src/compiler/spec-schema.ts'], bundle: true, format: 'esm', platform: 'node', write: false, packages: 'external' })
const mod = await import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'))
const { parse } = await import('yaml')
const { readFileSync } = await import('node:fs')
const map = parse(readFileSync('schema/parameters.yaml', 'utf8'))
writeFileSync('schema/registry.schema.json', JSON.stringify(mod.buildSpecSchema(map), null, 2) + '\n')
console.log('wrote schema/registry.schema.json')
