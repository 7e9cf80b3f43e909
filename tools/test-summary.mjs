// Prints "N passed, N failed[, N skipped]" from vitest's JSON report (CI reads this line).
import { readFileSync } from 'node:fs'
const file = process.argv[2] ?? 'test-results.json'
try {
  const r = JSON.parse(readFileSync(file, 'utf8'))
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`)
} catch (e) {
  console.log('0 passed, 1 failed')
  console.error(`test summary: cannot read ${file}: ${e.message}`)
  process.exit(1)
}
