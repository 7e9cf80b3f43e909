#!/usr/bin/env node
// Kept for scripts that run `node bin/regcfg.mjs`; the package's bin is regcfg.cjs, which starts faster.
import './regcfg.cjs'
