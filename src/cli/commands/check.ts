import { dirname, join } from 'node:path'
import { diffBetween, diffSurface, type Drift } from '../../compiler/check.js'
import { analyze, hasErrors } from '../../compiler/index.js'
import { rangeOf } from '../../compiler/locate.js'
import type { CanonicalParams, Surface } from '../../compiler/types.js'
import { targetFor } from '../../../targets/index.js'
import { ExitStatus } from '../exit.js'
import { type Host } from '../host.js'
import { report, type Flags } from './_shared.js'
import { UserError } from '../../errors.js'

export const checkHelp = `regcfg check SPEC [--env FILE] [--tfvars FILE]... [--values FILE] [--stack-values FILE] [--format text|json]
  Drift: compares existing deployment files with what SPEC compiles to, and the files with each
  other. A Helm values file is read with the create-env-secret.sh beside it, when there is one.
  Exit 0 no drift, 1 drift, 2 usage or I/O error.`

const FLAG_SURFACE: [string, Surface][] = [['env', 'env'], ['tfvars', 'terraform'], ['values', 'helm'], ['stack-values', 'helm-stack']]

function filesFor(host: Host, surface: Surface, paths: string[]): Record<string, string> {
  if (surface === 'env') return { '.env': host.readText(paths[0]!) }
  if (surface === 'terraform') return Object.fromEntries(paths.map((p) => [p, host.readText(p)]))
  const script = join(dirname(paths[0]!), 'create-env-secret.sh')
  let scriptText = ''
  try {
    scriptText = host.readText(script)
  } catch {
    /* a values file without regcfg's script: the env Secret is not checked */
  }
  return { 'values.yaml': host.readText(paths[0]!), 'create-env-secret.sh': scriptText }
}

export async function runCheck(host: Host, [spec]: string[], flags: Flags): Promise<ExitStatus> {
  const given = FLAG_SURFACE.map(([flag, surface]) => ({ surface, paths: ([] as string[]).concat((flags[flag] as string | string[] | undefined) ?? []) })).filter((g) => g.paths.length > 0)
  if (given.length === 0) throw new UserError('check needs at least one of --env, --tfvars, --values, --stack-values')
  const text = host.readText(spec!)
  const a = analyze(spec!, text)
  if (hasErrors(a.diagnostics)) {
    report(host, a.diagnostics, flags, new Map([[spec!, text]]))
    return ExitStatus.Findings
  }
  const drifts: Drift[] = []
  const parsedAll: { surface: Surface; params: CanonicalParams }[] = []
  for (const { surface, paths } of given) {
    const target = targetFor(surface)
    const parsed = await target.parse(filesFor(host, surface, paths))
    if (hasErrors(parsed.diagnostics)) {
      report(host, parsed.diagnostics, flags, new Map())
      return ExitStatus.Usage
    }
    const writeSecrets = paths.some((p) => /\.auto\.tfvars$/.test(p))
    const expected = target.carry(a.params!, { secrets: new Map(), writeSecrets, envSecretName: '', specName: spec! })
    const literal = new Set((parsed.secretLiterals ?? []).map((s) => s.id))
    drifts.push(...diffSurface(surface, expected, parsed.params).filter((d) => !(d.kind === 'extra' && literal.has(d.id!))).map((d) => ({ ...d, file: paths.join(', ') })))
    for (const u of parsed.unknown) drifts.push({ kind: 'unknown-key', surface, names: {}, file: u.file, key: u.key })
    for (const s of parsed.secretLiterals ?? []) drifts.push({ kind: 'secret-literal', id: s.id, surface, names: {}, file: s.file, key: s.key, pointer: `/${s.id.split('.').join('/')}` })
    parsedAll.push({ surface, params: parsed.params })
  }
  drifts.push(...diffBetween(parsedAll))
  const at = (d: Drift) => (d.pointer && a.source ? a.source.lines.linePos(rangeOf(a.source, d.pointer)?.[0] ?? 0) : undefined)
  if (flags.format === 'json') host.stdout(JSON.stringify({ drift: drifts.map((d) => ({ ...d, spec: at(d) ? `${spec}:${at(d)!.line}:${at(d)!.col}` : undefined })) }, null, 2) + '\n')
  else for (const d of drifts) host.stderr(formatDrift(d, spec!, at(d)) + '\n')
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
  }
  return `${where}: drift ${d.kind} [${d.surface}]${d.id ? ` ${d.id}` : ''}${names ? ` (${names})` : ''}: ${what[d.kind]}`
}
