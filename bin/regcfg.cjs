#!/usr/bin/env node
// CommonJS on purpose: Node starts a CommonJS entry faster than an ES module (`regcfg --version`).
'use strict'
// Node's own compile cache (22.1+): later runs skip compiling the bundles; on older Node, nothing
const { enableCompileCache } = require('node:module')
if (typeof enableCompileCache === 'function') enableCompileCache()
require('../dist/cli.cjs').main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
