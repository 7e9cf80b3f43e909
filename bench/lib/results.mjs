// bench/results.json holds every benchmark's last figures; BENCHMARKS.md is rendered from all of them.
// A benchmark that runs on its own (lint precision, render, conformance) replaces its own key and
// re-renders the page, so `npm run bench` and the separate ones never erase each other's sections.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { report } from '../report.mjs'
import { ROOT } from './util.mjs'

const RESULTS = join(ROOT, 'bench/results.json')
const IMAGES = { compile: 'bench/compile-growth.png', validate: 'bench/validate-scopes.png', rss: 'bench/validate-rss.png' }

export const loadResults = () => (existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {})

/** Writes results.json and BENCHMARKS.md (with the images that exist unless given). */
export function saveResults(results, images = Object.fromEntries(Object.entries(IMAGES).filter(([, p]) => existsSync(join(ROOT, p))))) {
  writeFileSync(RESULTS, JSON.stringify(results, null, 1) + '\n')
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), report(results, images))
}

/** One benchmark's section: its key replaced, everything else kept. */
export function saveSection(key, value) {
  saveResults({ ...loadResults(), [key]: value })
}
