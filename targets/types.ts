import type { ParsedFiles } from '../src/compiler/import.js'
import type { CanonicalParams, Diagnostic, OutputFile, ParameterId, Surface } from '../src/compiler/types.js'
import type { ContainerEnvResult, EnvSources } from './_model.js'
import type { Renderer } from './_render/types.js'
import type { EnvParse } from './env/dotenv-parse.js'

/** The kinds of surface file the linter (src/policy) tells apart: a Helm values file may be either chart's. */
export type LintKind = 'env' | 'terraform' | 'helm'

export interface EmitContext {
  /** Secret values resolved at the edge; the env target needs them, terraform only with writeSecrets. */
  secrets: ReadonlyMap<ParameterId, string>
  /** Why a needed secret could not be resolved (never its value). */
  unresolved?: ReadonlyMap<ParameterId, { reason: string; hint: string }>
  /** Terraform: also write secrets.auto.tfvars with the secret values. */
  writeSecrets: boolean
  /** Helm: the existing Secret that carries the auth-server environment. */
  envSecretName: string
  /** Shown in file headers. */
  specName: string
}

export interface EmitResult {
  files: OutputFile[]
  diagnostics: Diagnostic[]
  /** Instructions for the user (printed, never containing secret values). */
  notes: string[]
}

export interface ParseResult extends ParsedFiles {
  /** Secret parameters written as literal values in a file meant for git (never the value). */
  secretLiterals?: { id: ParameterId; file: string; key: string }[]
}

/** Files by name: a surface's (what emit writes and parse reads) or a user's (by path). */
export type Files = Readonly<Record<string, string>>

/** One deployment surface: a pair of pure functions over canonical parameters. */
export interface Target {
  surface: Surface
  /** The file `compile` prints when no --out is given. */
  mainFile: string
  /** When compile writes secret values into this surface's files (and so must resolve them): always, only with --write-secrets, or never. */
  secretValues?: 'always' | 'with --write-secrets'
  emit(params: CanonicalParams, ctx: EmitContext): EmitResult
  parse(files: Readonly<Record<string, string>>): Promise<ParseResult>
  /** What this surface preserves of `params`: parse(emit(p)) equals carry(p). */
  carry(params: CanonicalParams, ctx: EmitContext): CanonicalParams
  /** Renders this surface's files with the real deployment tool on a registry checkout (targets/_render). */
  render?: Renderer
  /** The `regcfg check` flag that names this surface's deployment files (--FLAG FILE). */
  checkFlag: string
  /** The deployment files a user names (check): as parse takes them and as the renderer takes them. */
  userFiles(paths: readonly string[], read: (path: string) => string): { parse: Files; render: Files }
  /** Whether files a user names (path → text) are this surface's, by their names and content; import asks the rows in order. */
  claims(files: Files): boolean
  /** The name parse expects for a file a user names (import); without it, the user's path is the name. */
  fileNameOf?(path: string): string
  /** The subcharts whose own values files import reads as this surface's (--subchart NAME), and how. */
  subcharts?: { names: readonly string[]; asMain(name: string, text: string): { text: string } | { error: string } }
  /** The values path (dotted) that must name the env Secret for the auth-server pod to get it, where a Secret carries the pod's environment. */
  envSecretPath?: string
  /** The kind of file the linter reads this surface's files as. */
  lintAs: LintKind
  /** A reader of KEY=VALUE lines with their line numbers, where the surface's file is such lines (the linter reads .env files with it). */
  readLines?(text: string): EnvParse
  /** The environment the surface's deployment tool runs in, from the user's (Terraform: also the spec's secrets as the TF_VAR_ the tfvars name); without it, the user's own. */
  toolEnv?(env: Readonly<Record<string, string | undefined>>, params: CanonicalParams): Readonly<Record<string, string | undefined>>
  /** The files containerEnv reads, the one `serve --from FILE` names first. */
  modelFiles: readonly string[]
  /** regcfg's model of the auth-server container's environment from this surface's files (targets/<surface>/model.ts). */
  containerEnv(files: Readonly<Record<string, string>>, src: EnvSources): Promise<ContainerEnvResult>
}
