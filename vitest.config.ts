import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // a .yaml a module imports is its text, as tools/build.mjs bundles it (esbuild's text loader)
  plugins: [{ name: 'yaml-as-text', transform: (code, id) => (id.endsWith('.yaml') ? { code: `export default ${JSON.stringify(code)}`, map: null } : undefined) }],
  test: {
    include: ['test/**/*.test.ts', 'conformance/**/*.test.ts'],
    testTimeout: 30_000,
    // the lint cache of the CLIs the tests run goes to a folder of the tests', not the user's ~/.cache
    env: { XDG_CACHE_HOME: join(tmpdir(), 'regcfg-test-cache') },
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
})
