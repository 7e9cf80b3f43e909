// Bundles the CLI into dist/cli.js (one file: fast start, no TypeScript at run time).
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
const { version } = JSON.parse(readFileSync('package.json', 'utf8'))
await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  define: { REGCFG_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
})
