import type { ParameterDef } from '../compiler/map.js'
import type { Severity, Surface } from '../compiler/types.js'
import type { LintKind } from '../../targets/index.js'

/** What a linted file is: a registry spec or one of the deployment surfaces' files (each target's lintAs). */
export type FileKind = 'spec' | LintKind

/** What a file is for (role.ts): how its findings are graded. */
export type FileRole = 'deployment' | 'example' | 'chart-defaults' | 'test-suite' | 'test-fixture'

/** Where a finding sits: the spec, or a surface (a Helm file resolves to helm or helm-stack by path). */
export type Place = 'spec' | Surface

/** How git sees a file: it decides how bad a secret in it is. */
export type GitState = 'tracked' | 'untracked' | 'ignored' | 'outside'

/** One key of a surface file with its value and the position of the value (1-based). */
export interface Entry {
  /** .env variable, Terraform variable (nested keys dotted), Helm/spec path (dotted). */
  key: string
  value: unknown
  line: number
  column: number
}

/** A surface file as read: entries in file order, plus a reason when it could not be read. */
export interface LintFile {
  /** Path relative to the repository root (or the working folder outside git), with `/`. */
  path: string
  kind: FileKind
  /** What the file is for; a deployment file when not set. */
  role?: FileRole
  text: string
  entries: Entry[]
  unreadable?: { line: number; column: number; reason: string }
}

/** An entry that the parameter map knows: which parameter, on which surface. */
export interface Located {
  param: ParameterDef
  place: Place
}

/** What a rule reports: the entry it concerns and what to say (never the secret itself). */
export interface RuleHit {
  at: { line: number; column: number }
  /** Parameter id, or the key when the map does not know it: part of the fingerprint. */
  subject: string
  message: string
  place?: Place
}

/** The facts a rule may use about a file. */
export interface FileView {
  file: LintFile
  /** The parameter map's reading of each entry of file.entries, at the same index. */
  locs: readonly (Located | undefined)[]
  /**
   * Indexes of the entries that may hold a provider credential (a string value holding one of
   * PATTERN_NEEDS, or at least PATTERN_MIN_LENGTH long): the only ones a pattern rule can hit.
   */
  patternCandidates: readonly number[]
  /** The parameter map's reading of an entry, or undefined for keys it does not know. */
  locate(entry: Entry): Located | undefined
  /** Entries of a parameter, in file order. */
  entriesOf(id: string): Entry[]
}

export interface Rule {
  id: string
  name: string
  severity: Severity
  /** secret: graded by git state (tracked/untracked error, ignored info); config: as declared. */
  kind: 'secret' | 'config'
  description: string
  fix: string
  /** Rules whose hit on the same entry this rule's hit replaces (a more exact statement). */
  supersedes?: readonly string[]
  check(view: FileView): RuleHit[]
}

export interface Finding {
  rule: string
  name: string
  severity: Severity
  message: string
  fix: string
  /** Repository-relative path (`/`-separated). */
  path: string
  line: number
  column: number
  place: Place
  subject: string
  gitState: GitState
  fingerprint: string
}
