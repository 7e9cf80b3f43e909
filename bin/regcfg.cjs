#!/usr/bin/env node
// CommonJS on purpose: Node starts a CommonJS entry faster than an ES module (`regcfg --version`).
'use strict'
require('../dist/cli.cjs').main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
