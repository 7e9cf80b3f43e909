// regcfg lint on real repositories' deployment trees (bench/lint-corpus.json), against hand labels
// (bench/lint-labels.tsv): precision and recall per rule class, with gitleaks and detect-secrets on the same
// trees. Writes results.json's `lintPrecision` and re-renders BENCHMARKS.md.
//   node bench/lint-precision.mjs [--mirrors DIR] [--before BIN]
//     --mirrors  where the git mirrors are (<owner>+<name>/repo; default /work/.mirror)
//     --before   another build's bin/regcfg.cjs, reported beside this one (e.g. main's)
//     --registry the registry's own files (default ../shared/registry from the project root)
// gitleaks: .tools/gitleaks (GOBIN=$PWD/.tools go install github.com/zricethezav/gitleaks/v8@v8.18.4);
// detect-secrets: .tools/venv (python3 -m venv .tools/venv && .tools/venv/bin/pip install detect-secrets==1.5.0).
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { saveSection } from './lib/results.mjs'
import { ROOT } from './lib/util.mjs'

const args = process.argv.slice(2)
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt)
const MIRRORS = opt('--mirrors', '/work/.mirror')
const BEFORE = opt('--before', undefined)
const REGISTRY = opt('--registry', undefined)
const GITLEAKS = existsSync(join(ROOT, '.tools/gitleaks')) ? join(ROOT, '.tools/gitleaks') : 'gitleaks'
const DETECT_SECRETS = existsSync(join(ROOT, '.tools/venv/bin/detect-secrets')) ? join(ROOT, '.tools/venv/bin/detect-secrets') : 'detect-secrets'

/** The rule classes of the table: a leaked secret, a placeholder or weak value, a misconfiguration. */
const CLASS = (rule) => (/^RC500[13-8]$/.test(rule) ? 'leaked secret (RC5001, RC5003–RC5008)' : rule === 'RC5002' ? 'placeholder / weak value (RC5002)' : 'misconfiguration (RC5000, RC51xx)')
const CLASSES = ['leaked secret (RC5001, RC5003–RC5008)', 'placeholder / weak value (RC5002)', 'misconfiguration (RC5000, RC51xx)']

/** repo@commit as the labels name it. */
const tag = (r) => (r.commit ? `${r.name}@${r.commit.slice(0, 12)}` : r.name)

/** A tree at its pinned commit, written out of the mirror blob by blob (a mirror may lack its largest files), then committed in a fresh repository so every file is tracked. */
function checkout(r, into) {
  const dir = join(into, r.name.replace('/', '+'))
  mkdirSync(dir, { recursive: true })
  if (r.local) cpSync(REGISTRY ? resolve(REGISTRY) : resolve(ROOT, r.local), dir, { recursive: true })
  else {
    const gitDir = join(MIRRORS, r.name.replace('/', '+'), 'repo')
    const tree = execFileSync('git', [`--git-dir=${gitDir}`, 'ls-tree', '-r', '-z', r.commit], { maxBuffer: 1 << 28 }).toString('utf8').split('\0').filter(Boolean)
    const blobs = tree.map((line) => line.split('\t')).map(([meta, path]) => [...meta.split(' '), path]).filter(([mode, type]) => type === 'blob' && mode !== '120000')
    // one `git cat-file --batch` for the whole tree: `<sha> blob <size>\n<bytes>\n`, or `<sha> missing\n` (absent from the snapshot)
    const out = spawnSync('git', [`--git-dir=${gitDir}`, 'cat-file', '--batch'], { input: blobs.map(([, , sha]) => sha).join('\n') + '\n', maxBuffer: 1 << 30 }).stdout
    let at = 0
    for (const [, , , path] of blobs) {
      const nl = out.indexOf(10, at)
      const head = out.subarray(at, nl).toString().split(' ')
      at = nl + 1
      if (head[1] === 'missing') continue
      const size = Number(head[2])
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), out.subarray(at, at + size))
      at += size + 1
    }
  }
  const g = (...a) => execFileSync('git', a, { cwd: dir, stdio: 'ignore' })
  g('init', '-q')
  g('add', '-A', '-f')
  g('-c', 'user.email=bench@regcfg', '-c', 'user.name=bench', 'commit', '-qm', 'snapshot', '--no-verify')
  return dir
}

function lintTree(bin, dir) {
  const r = spawnSync(process.execPath, [bin, 'lint', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 })
  if (r.status !== 0 && r.status !== 1) throw new Error(`${bin} lint ${dir}: exit ${r.status}\n${r.stderr}`)
  return JSON.parse(r.stdout)
}

function gitleaks(dir) {
  const out = join(dir, '..', `${dir.split('/').pop()}.gitleaks.json`)
  spawnSync(GITLEAKS, ['detect', '--no-git', '--source', dir, '--report-format', 'json', '--report-path', out, '--no-banner', '--exit-code', '0'], { stdio: 'ignore' })
  return JSON.parse(readFileSync(out, 'utf8')).map((x) => ({ file: x.File.slice(dir.length + 1), line: x.StartLine, rule: x.RuleID }))
}

function detectSecrets(dir) {
  const r = spawnSync(DETECT_SECRETS, ['scan', '--all-files'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 })
  if (r.status !== 0) throw new Error(`detect-secrets: ${r.stderr}`)
  return Object.entries(JSON.parse(r.stdout).results).flatMap(([file, hits]) => hits.map((h) => ({ file, line: h.line_number, rule: h.type })))
}

const version = (cmd, a) => spawnSync(cmd, a, { encoding: 'utf8' }).stdout.trim().split('\n')[0]

function loadLabels() {
  const labels = new Map()
  for (const line of readFileSync(join(ROOT, 'bench/lint-labels.tsv'), 'utf8').split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('repo\t')) continue
    const [repo, file, ln, rule, label, reason] = line.split('\t')
    labels.set([repo, file, ln, rule].join('\t'), { repo, file, line: Number(ln), rule, label: label === 'true', reason })
  }
  return labels
}

/** One build's findings against the labels: per class, errors and all findings, true ones, and recall over every true label of the class. */
function score(findings, labels) {
  const truths = [...labels.values()].filter((l) => l.label)
  const rows = {}
  const unlabelled = []
  for (const c of CLASSES) rows[c] = { errors: 0, trueErrors: 0, findings: 0, trueFindings: 0, truth: truths.filter((t) => CLASS(t.rule) === c).length, found: new Set() }
  for (const f of findings) {
    const l = labels.get([f.repo, f.path, String(f.line), f.rule].join('\t'))
    if (!l) {
      unlabelled.push(`${f.repo} ${f.path}:${f.line} ${f.rule}`)
      continue
    }
    const row = rows[CLASS(f.rule)]
    row.findings++
    if (l.label) row.trueFindings++, row.found.add([f.repo, f.path, f.line, f.rule].join('\t'))
    if (f.severity === 'error') {
      row.errors++
      if (l.label) row.trueErrors++
    }
  }
  for (const c of CLASSES) rows[c].found = rows[c].found.size
  return { rows, unlabelled }
}

const corpus = JSON.parse(readFileSync(join(ROOT, 'bench/lint-corpus.json'), 'utf8')).repos
const labels = loadLabels()
const work = mkdtempSync(join(tmpdir(), 'regcfg-lint-corpus-'))
try {
  const builds = { after: join(ROOT, 'bin/regcfg.cjs'), ...(BEFORE ? { before: resolve(BEFORE) } : {}) }
  const found = Object.fromEntries(Object.keys(builds).map((k) => [k, []]))
  const peers = { gitleaks: { all: 0, inSurfaceFiles: 0, truthFound: 0 }, 'detect-secrets': { all: 0, inSurfaceFiles: 0, truthFound: 0 } }
  const trees = []
  const secretTruth = [...labels.values()].filter((l) => l.label && CLASS(l.rule) === CLASSES[0])
  for (const r of corpus) {
    const dir = checkout(r, work)
    const runs = Object.fromEntries(Object.entries(builds).map(([k, bin]) => [k, lintTree(bin, dir)]))
    for (const [k, j] of Object.entries(runs)) for (const f of j.findings) found[k].push({ ...f, repo: tag(r) })
    const surface = new Set(runs.after.files.map((f) => f.path))
    const roles = {}
    for (const f of runs.after.files) roles[f.role] = (roles[f.role] ?? 0) + 1
    for (const [name, hits] of [['gitleaks', gitleaks(dir)], ['detect-secrets', detectSecrets(dir)]]) {
      peers[name].all += hits.length
      peers[name].inSurfaceFiles += hits.filter((h) => surface.has(h.file)).length
      peers[name].truthFound += secretTruth.filter((t) => t.repo === tag(r) && hits.some((h) => h.file === t.file && h.line === t.line)).length
    }
    trees.push({ repo: tag(r), why: r.why, surfaceFiles: runs.after.files.length, roles })
    process.stderr.write(`${tag(r)}: ${runs.after.files.length} surface files, ${runs.after.findings.length} findings\n`)
  }
  const scores = Object.fromEntries(Object.entries(found).map(([k, fs]) => [k, score(fs, labels)]))
  for (const [k, s] of Object.entries(scores)) if (s.unlabelled.length) process.stderr.write(`${k}: ${s.unlabelled.length} unlabelled findings (add them to bench/lint-labels.tsv):\n  ${s.unlabelled.join('\n  ')}\n`)
  const lintPrecision = {
    date: new Date().toISOString().slice(0, 10),
    trees,
    labels: labels.size,
    truth: secretTruth.length,
    scores,
    peers,
    versions: { gitleaks: version(GITLEAKS, ['version']), 'detect-secrets': version(DETECT_SECRETS, ['--version']) },
    before: BEFORE ? 'main before issue 18 (' + BEFORE + ')' : undefined,
  }
  saveSection('lintPrecision', lintPrecision)
  process.stdout.write(JSON.stringify(lintPrecision.scores.after.rows, null, 1) + '\n')
  if (Object.values(scores).some((s) => s.unlabelled.length)) process.exitCode = 1
} finally {
  rmSync(work, { recursive: true, force: true })
}
