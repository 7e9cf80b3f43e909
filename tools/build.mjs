// Bundles the CLI into dist/cli.js, with each command in a chunk loaded when it runs (fast start, no
// TypeScript at run time).
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
rmSync('dist', { recursive: true, force: true })
import { readFileSync } from 'node:fs'
const { version } = JSON.parse(readFileSync('package.json', 'utf8'))
await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // small pure-JS dependencies are bundled (module resolution dominates start-up); big, native or
  // WASM ones stay external and load only with the command that needs them
  external: ['mongodb', 'oidc-provider', '@aws-sdk/*', 'testcontainers', '@testcontainers/*', '@cdktf/hcl2json', 'playwright-core', 'fast-check', 'dotenv'],
  banner: { js: "import { createRequire as __regcfgRequire } from 'node:module'; const require = __regcfgRequire(import.meta.url);" },
  sourcemap: true,
  define: { REGCFG_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
})
