// Cost-growth curves as PNGs with gnuplot (apt-get install -y gnuplot-nox); skipped with a note without it.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { has, ROOT } from './lib/util.mjs'

function gnuplot(script) {
  execFileSync('gnuplot', [], { input: script })
}

export function plots(results, log) {
  const images = {}
  if (!has('gnuplot')) {
    log('gnuplot not found: no PNGs (apt-get install -y gnuplot-nox)')
    return images
  }
  const dir = mkdtempSync(join(tmpdir(), 'regcfg-bench-plot-'))
  const head = (out, title) => `set terminal pngcairo size 900,560 font "Sans,11"
set output "${out}"
set title "${title}"
set grid
set key top left
`
  if (results.compile?.growth?.length) {
    const data = join(dir, 'compile.dat')
    writeFileSync(data, results.compile.growth.map((g) => `${g.mappings} ${g.ms.toFixed(1)} ${g.ratio.toFixed(3)}`).join('\n') + '\n')
    const out = join(ROOT, 'bench/compile-growth.png')
    gnuplot(head(out, 'regcfg compile --target all: time against spec size (median)') + `set logscale x
set xlabel "group mappings in the spec (servers = mappings; every parameter set)"
set ylabel "ms, end to end"
set y2label "× node -e 0 (same run)"
set ytics nomirror
set y2tics
set xrange [80:12000]
set yrange [0:*]
set y2range [0:*]
plot "${data}" using 1:2 with linespoints lw 2 pt 7 title "compile (ms)", "${data}" using 1:3 axes x1y2 with linespoints lw 2 pt 5 dt 2 title "ratio to node -e 0 (right axis)", 500 with lines lc rgb "red" dt 3 title "500 ms target (at 2,000)"
`)
    images.compile = 'bench/compile-growth.png'
  }
  if (results.validate?.curve?.length) {
    const data = join(dir, 'validate.dat')
    writeFileSync(data, results.validate.curve.map((c) => `${c.scopes} ${c.rps.toFixed(0)} ${c.rpsRatio.toFixed(3)} ${c.p99.toFixed(3)}`).join('\n') + '\n')
    const out = join(ROOT, 'bench/validate-scopes.png')
    gnuplot(head(out, '/validate (token cache hit) against scopes per user (median)') + `set logscale x
set xlabel "scopes per user (all mapped from one group; the allowing rule is in the last)"
set ylabel "requests/s ÷ bare node:http (same run)"
set y2label "p99 latency (ms)"
set ytics nomirror
set y2tics
set xrange [0.8:1300]
set yrange [0:1.1]
set y2range [0:*]
plot "${data}" using 1:3 with linespoints lw 2 pt 7 title "req/s ratio to bare", "${data}" using 1:4 axes x1y2 with linespoints lw 2 pt 5 dt 2 title "p99 ms (right axis)"
`)
    images.validate = 'bench/validate-scopes.png'
  }
  if (results.validate?.memory?.samples?.length) {
    const data = join(dir, 'rss.dat')
    writeFileSync(data, results.validate.memory.samples.map((s) => `${s.t.toFixed(1)} ${(s.kb / 1024).toFixed(1)}`).join('\n') + '\n')
    const out = join(ROOT, 'bench/validate-rss.png')
    gnuplot(head(out, 'auth-server RSS under load (alternating 10 s: new token per request / one token)') + `set xlabel "seconds"
set ylabel "RSS (MiB)"
set yrange [0:*]
plot "${data}" using 1:2 with lines lw 2 title "RSS"
`)
    images.rss = 'bench/validate-rss.png'
  }
  return images
}
