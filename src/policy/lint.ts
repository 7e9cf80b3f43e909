import { locateKey } from './params-index.js'
import { atLeast, gitSays, severityFor } from './grade.js'
import { byText } from './order.js'
import { PATTERN_MIN_LENGTH, PATTERN_NEEDS, RULES } from './rules/index.js'
import { fingerprint, IGNORE_MARKER, ignoredInline } from './suppress.js'
import type { Entry, FileKind, FileRole, FileView, Finding, GitState, LintFile, Located, Rule, RuleHit } from './types.js'
import { PATTERN_SPECS } from './rules/_pattern.js'
import type { Severity } from '../compiler/types.js'

export interface LintInput {
  files: readonly LintFile[]
  gitState(path: string): GitState
  /** Fingerprints a baseline accepts. */
  baseline?: ReadonlySet<string>
}

export interface LintResult {
  findings: Finding[]
  suppressed: { inline: number; baseline: number }
  /** Every file read, with what it was read as (its surface kind and its role). */
  files: { path: string; kind: string; role: FileRole; gitState: GitState }[]
}

/** Runs every rule on every file: pure, in file order then position. */
export function lint(input: LintInput): LintResult {
  const linter = new Linter(input.baseline)
  for (const file of input.files) linter.add(file, input.gitState(file.path))
  return linter.result()
}

/**
 * What a file's rules came to, before git state and the baseline grade it: a function of the file
 * alone (its path, kind, role and text), so a run may keep it by content (cache.ts). Hits are
 * after superseding and inline suppression; messages are the rules' own, which never show a secret.
 */
export interface FileJudgement {
  kind: FileKind
  role: FileRole
  hits: { rule: string; hit: RuleHit }[]
  /** Hits suppressed by a `# regcfg-ignore` on their line. */
  inline: number
}

/** Runs every rule on a file and applies its inline suppressions. */
export function judge(file: LintFile): FileJudgement {
  const hits: FileJudgement['hits'] = []
  let inline = 0
  // a line can suppress a hit only if the file holds the marker at all: split only such a file with hits
  let lines: string[] | null | undefined
  for (const { rule, hit } of withoutSuperseded(ruleHits(viewOf(file)))) {
    if (lines === undefined) lines = file.text.includes(IGNORE_MARKER) ? file.text.split('\n') : null
    if (lines !== null && ignoredInline(lines[hit.at.line - 1], rule)) inline++
    else hits.push({ rule: rule.id, hit })
  }
  return { kind: file.kind, role: file.role ?? 'deployment', hits, inline }
}

/**
 * lint() one file at a time: a run lints each file as soon as it is read and keeps only its
 * findings, so no file's text and entries outlive it (they die young instead of being copied by
 * every scavenge of the run and promoted).
 */
export class Linter {
  private readonly findings: Finding[] = []
  private readonly suppressed = { inline: 0, baseline: 0 }
  private readonly files: LintResult['files'] = []

  constructor(private readonly baseline?: ReadonlySet<string>) {}

  add(file: LintFile, state: GitState): void {
    this.addJudged(file.path, judge(file), state)
  }

  /** A file's judgement (judge(), or one kept from an earlier run), graded by git state and the baseline. */
  addJudged(path: string, judged: FileJudgement, state: GitState): void {
    this.files.push({ path, kind: judged.kind, role: judged.role, gitState: state })
    this.suppressed.inline += judged.inline
    for (const { rule, hit } of judged.hits) {
      const finding = toFinding(ruleById(rule), hit, path, judged.kind, judged.role, state)
      if (this.baseline?.has(finding.fingerprint)) this.suppressed.baseline++
      else this.findings.push(finding)
    }
  }

  /** Every finding so far, in file order then position. */
  result(): LintResult {
    const findings = this.findings.slice().sort((a, b) => byText(a.path, b.path) || a.line - b.line || a.column - b.column || byText(a.rule, b.rule))
    return { findings, suppressed: { ...this.suppressed }, files: this.files.slice() }
  }
}

let rulesById: Map<string, Rule> | undefined

function ruleById(id: string): Rule {
  const rule = (rulesById ??= new Map(RULES.map((r) => [r.id, r]))).get(id)
  if (!rule) throw new Error(`no rule ${id}`)
  return rule
}

/** A file as the rules see it: each entry located once, entries indexed by parameter once (17 rules ask). */
export function viewOf(file: LintFile): FileView {
  const { entries, kind } = file
  const locs = new Array<Located | undefined>(entries.length)
  const byParam = new Map<string, Entry[]>()
  const patternCandidates: number[] = []
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!
    if (typeof e.value === 'string' && mayHoldPattern(e.value)) patternCandidates.push(i)
    const loc = (locs[i] = locateKey(kind, e.key))
    if (!loc) continue
    const list = byParam.get(loc.param.id)
    if (list) list.push(e)
    else byParam.set(loc.param.id, [e])
  }
  return {
    file,
    locs,
    patternCandidates,
    // the same answer as locs[i]: locateKey's answers are per (kind, key) and never change
    locate: (e) => locateKey(kind, e.key),
    entriesOf: (id) => byParam.get(id) ?? [],
  }
}

/** One scan for every pattern rule's needed substrings (each rule still applies its own). */
const PATTERN_NEED = new RegExp(PATTERN_NEEDS.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'))

const mayHoldPattern = (v: string): boolean => v.length >= PATTERN_MIN_LENGTH || PATTERN_NEED.test(v)

type Hit = { rule: Rule; hit: RuleHit }

/** A test suite or fixture holds deliberately fake values: only a credential in a provider's own format (a pattern rule) is reported there. */
const isTestRole = (role: FileRole | undefined): boolean => role === 'test-suite' || role === 'test-fixture'

let patternIds: Set<string> | undefined

function ruleHits(view: FileView): Hit[] {
  const out: Hit[] = []
  const test = isTestRole(view.file.role)
  patternIds ??= new Set(PATTERN_SPECS.map((p) => p.id))
  for (const rule of RULES) {
    if (test && !patternIds.has(rule.id)) continue
    for (const hit of rule.check(view)) out.push({ rule, hit })
  }
  return out
}

/** Drops a hit when a rule that supersedes it hit the same position. */
function withoutSuperseded(hits: Hit[]): Hit[] {
  if (hits.length < 2) return hits
  const at = (h: Hit) => `${h.hit.at.line}:${h.hit.at.column}`
  return hits.filter((h) => !hits.some((o) => o !== h && at(o) === at(h) && o.rule.supersedes?.includes(h.rule.id)))
}

function toFinding(rule: Rule, hit: RuleHit, path: string, kind: FileKind, role: FileRole, state: GitState): Finding {
  const place = hit.place ?? kind
  return {
    rule: rule.id,
    name: rule.name,
    severity: severityFor(rule, state, role),
    message: hit.message + gitSays(rule, state, role),
    fix: rule.fix,
    path,
    line: hit.at.line,
    column: hit.at.column,
    place,
    subject: hit.subject,
    gitState: state,
    fingerprint: fingerprint(rule.id, place, path, hit.subject),
  }
}

/** Whether any finding is at or above the --fail-on severity. */
export const fails = (findings: readonly Finding[], floor: Severity): boolean => findings.some((f) => atLeast(f.severity, floor))
