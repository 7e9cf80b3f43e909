// Bundles the CLI as CommonJS (Node starts CommonJS faster than ESM): dist/cli.cjs holds the command
// table, and each command is one self-contained bundle, dist/commands/NAME.cjs, loaded when it runs.
// bin/regcfg.cjs turns on Node's own compile cache (module.enableCompileCache, Node 22.1+).
import { build } from 'esbuild'
import { readdirSync, readFileSync, rmSync } from 'node:fs'

rmSync('dist', { recursive: true, force: true })
const { version } = JSON.parse(readFileSync('package.json', 'utf8'))
const commands = readdirSync('src/cli/commands').filter((f) => /^[a-z]+\.ts$/.test(f)).map((f) => f.slice(0, -3))
// A package that is only an ES module loses its default export when a bundle converted to CommonJS
// requires it, so a command that imports one stays an ES module (conformance, which runs for minutes
// anyway). The build fails when another command starts to need one.
const ESM_ONLY_PACKAGES = ['oidc-provider']
const ESM_COMMANDS = ['conformance']
const cjsCommands = commands.filter((c) => !ESM_COMMANDS.includes(c))

const shared = {
  bundle: true,
  // data files a module imports (conformance/oracle/deviations.yaml) are bundled as their text
  loader: { '.yaml': 'text' },
  platform: 'node',
  target: 'node20',
  // small pure-JS dependencies are bundled (module resolution dominates start-up); big, native or
  // WASM ones stay external and load only with the command that needs them
  external: ['mongodb', 'oidc-provider', '@aws-sdk/*', 'testcontainers', '@testcontainers/*', '@cdktf/hcl2json', 'playwright-core', 'fast-check', 'dotenv'],
  // without whitespace and comments a bundle is smaller and pure ASCII, which Node reads and V8 holds
  // at half the cost of a two-byte string (one comment character is enough to make it one); names are
  // kept, so stack traces stay readable (and code that prints a class name prints the same one)
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  define: { REGCFG_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
}

/**
 * main.ts's `import('./commands/NAME.js')`: the command's own bundle, loaded only when it runs — required
 * (CommonJS loads faster than through the ES module loader), or imported for an ES module command.
 */
const commandFiles = {
  name: 'command-files',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[a-z]+\.js$/ }, (args) => {
      const name = args.path.slice('./commands/'.length, -'.js'.length)
      if (ESM_COMMANDS.includes(name)) return { path: `./commands/${name}.mjs`, external: true }
      return { path: name, namespace: 'command' }
    })
    b.onLoad({ filter: /.*/, namespace: 'command' }, (args) => ({ contents: `module.exports = require('./commands/${args.path}.cjs')`, loader: 'js' }))
    b.onResolve({ filter: /^\.\/commands\/[a-z]+\.cjs$/ }, (args) => ({ path: args.path, external: true }))
  },
}

await Promise.all([
  build({
    ...shared,
    entryPoints: cjsCommands.map((c) => `src/cli/commands/${c}.ts`),
    outdir: 'dist/commands',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // a package loaded lazily (mongodb, the AWS SDK) is require()d like a static import of it in the same bundle
    supported: { 'dynamic-import': false },
  }),
  build({
    ...shared,
    entryPoints: ESM_COMMANDS.map((c) => `src/cli/commands/${c}.ts`),
    outdir: 'dist/commands',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    banner: { js: "import { createRequire as __regcfgRequire } from 'node:module'; const require = __regcfgRequire(import.meta.url);" },
  }),
])
for (const c of cjsCommands) {
  const bundle = readFileSync(`dist/commands/${c}.cjs`, 'utf8')
  for (const p of ESM_ONLY_PACKAGES) if (bundle.includes(`require("${p}")`)) throw new Error(`${c} imports ${p}, which is only an ES module: add it to ESM_COMMANDS in tools/build.mjs`)
}
await build({ ...shared, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.cjs', format: 'cjs', plugins: [commandFiles] })
