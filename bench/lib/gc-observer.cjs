// Preloaded (NODE_OPTIONS=--require) into the auth-server of the memory benchmark only: after every major
// GC, one line "<seconds since start> <heap used MiB>" to $REGCFG_BENCH_GC_LOG — what is live, where RSS
// also shows garbage not yet collected. A PerformanceObserver: no effect on the collector.
const { appendFileSync } = require('node:fs')
const { PerformanceObserver, constants } = require('node:perf_hooks')
const { getHeapStatistics } = require('node:v8')
const file = process.env.REGCFG_BENCH_GC_LOG
const t0 = Date.now()
if (file) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue
      appendFileSync(file, `${((Date.now() - t0) / 1000).toFixed(1)} ${(getHeapStatistics().used_heap_size / 1048576).toFixed(1)}\n`)
    }
  }).observe({ entryTypes: ['gc'] })
}
