import { diffBetween, diffSurface, type Drift } from '../../compiler/check.js'
import { analyze, hasErrors } from '../../compiler/index.js'
import { rangeOf } from '../../compiler/locate.js'
import { pointerOf } from '../../compiler/map.js'
import type { CanonicalParams, Diagnostic, Surface } from '../../compiler/types.js'
import { TARGETS, targetFor } from '../../../targets/index.js'
import { ExitStatus } from '../exit.js'
import { type Host } from '../host.js'
import { registryDirOf, report, type Flags } from './_shared.js'
import { renderedDrift } from './_check-render.js'
import { compileSpec } from './compile.js'
import { UserError } from '../../errors.js'

export const checkHelp = `regcfg check SPEC [--env FILE] [--tfvars FILE]... [--values FILE] [--stack-values FILE] [--registry DIR] [--format text|json]
  Drift: compares existing deployment files with what SPEC compiles to, and the files with each
  other. A Helm values file is read with the create-env-secret.sh beside it, when there is one.
    --registry DIR  also render each file and what SPEC compiles to with the real tool on DIR (a
                    checkout of the registry) and report every auth-server variable that differs
                    between the two renders (drift "rendered"; secret values compared, not shown)
  Exit 0 no drift, 1 drift, 2 usage or I/O error (also: no tool for --registry).`

export async function runCheck(host: Host, [spec]: string[], flags: Flags): Promise<ExitStatus> {
  const given = TARGETS.map((t) => ({ surface: t.surface, paths: ([] as string[]).concat((flags[t.checkFlag] as string | string[] | undefined) ?? []) })).filter((g) => g.paths.length > 0)
  if (given.length === 0) throw new UserError(`check needs at least one of ${TARGETS.map((t) => `--${t.checkFlag}`).join(', ')}`)
  const text = host.readText(spec!)
  const a = analyze(spec!, text)
  if (hasErrors(a.diagnostics)) {
    report(host, a.diagnostics, flags, new Map([[spec!, text]]))
    return ExitStatus.Findings
  }
  const drifts: Drift[] = []
  const parsedAll: { surface: Surface; params: CanonicalParams }[] = []
  /** Each surface's files as its renderer takes them. */
  const forRender: { surface: Surface; label: string; files: Readonly<Record<string, string>> }[] = []
  for (const { surface, paths } of given) {
    const target = targetFor(surface)
    const files = target.userFiles(paths, (p) => host.readText(p))
    forRender.push({ surface, label: paths.join(', '), files: files.render })
    const parsed = await target.parse(files.parse)
    if (hasErrors(parsed.diagnostics)) {
      report(host, parsed.diagnostics, flags, new Map())
      return ExitStatus.Usage
    }
    const writeSecrets = paths.some((p) => /\.auto\.tfvars$/.test(p))
    const expected = target.carry(a.params!, { secrets: new Map(), writeSecrets, envSecretName: '', specName: spec! })
    const literal = new Set((parsed.secretLiterals ?? []).map((s) => s.id))
    drifts.push(...diffSurface(surface, expected, parsed.params).filter((d) => !(d.kind === 'extra' && literal.has(d.id!))).map((d) => ({ ...d, file: paths.join(', ') })))
    for (const u of parsed.unknown) drifts.push({ kind: 'unknown-key', surface, names: {}, file: u.file, key: u.key })
    for (const s of parsed.secretLiterals ?? []) drifts.push({ kind: 'secret-literal', id: s.id, surface, names: {}, file: s.file, key: s.key, pointer: pointerOf(s.id) })
    parsedAll.push({ surface, params: parsed.params })
  }
  drifts.push(...diffBetween(parsedAll))
  const registryDir = registryDirOf(flags.registry)
  let renderProblems: Diagnostic[] = []
  if (registryDir) {
    const compiled = compileSpec(host, spec!, given.map((g) => g.surface), false, flags)
    if (!compiled) return ExitStatus.Findings
    const specFiles = new Map([...compiled.results].map(([s, r]) => [s, Object.fromEntries(r.files.map((f) => [f.path, f.content]))]))
    const r = await renderedDrift(host, a, specFiles, forRender, registryDir)
    drifts.push(...r.drifts)
    renderProblems = r.problems
  }
  const at = (d: Drift) => (d.pointer && a.source ? a.source.lines.linePos(rangeOf(a.source, d.pointer)?.[0] ?? 0) : undefined)
  if (flags.format === 'json') host.stdout(JSON.stringify({ drift: drifts.map((d) => ({ ...d, spec: at(d) ? `${spec}:${at(d)!.line}:${at(d)!.col}` : undefined })), ...(registryDir ? { renderProblems } : {}) }, null, 2) + '\n')
  else {
    for (const d of drifts) host.stderr(formatDrift(d, spec!, at(d)) + '\n')
    report(host, renderProblems, flags, new Map())
  }
  if (flags.format !== 'json') host.stderr(drifts.length ? `${drifts.length} difference(s)\n` : 'no drift\n')
  return drifts.length ? ExitStatus.Findings : ExitStatus.Ok
}

function formatDrift(d: Drift, spec: string, pos: { line: number; col: number } | undefined): string {
  const where = pos ? `${spec}:${pos.line}:${pos.col}` : spec
  const names = Object.entries(d.names).map(([s, n]) => `${s} ${n}`).join(' | ')
  const what: Record<Drift['kind'], string> = {
    changed: `differs: spec gives ${d.expected}, ${d.file} has ${d.actual}`,
    missing: `missing from ${d.file} (spec gives ${d.expected})`,
    extra: `${d.file} sets ${d.actual}, which the spec does not`,
    'unknown-key': `${d.file}: ${d.key} is not a parameter regcfg knows`,
    'secret-literal': `${d.file}: ${d.key} holds a secret value where a reference belongs`,
    'between-files': `the files disagree: ${d.expected} vs ${d.actual}`,
    rendered: `the auth-server gets ${d.key}=${d.actual ?? '(unset)'} from ${d.file}, but ${d.expected ?? '(unset)'} from the spec (both rendered by the real tool)`,
  }
  return `${where}: drift ${d.kind} [${d.surface}]${d.id ? ` ${d.id}` : ''}${names ? ` (${names})` : ''}: ${what[d.kind]}`
}
