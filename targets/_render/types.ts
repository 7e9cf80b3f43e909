/**
 * The renderer contract: a surface's emitted files + a registry checkout → what the REAL deployment
 * tool (docker compose, helm + kubectl, terraform) makes of them → each container's effective
 * environment. Renderers live beside their target (targets/<surface>/render.ts); this folder holds
 * what they share (tool lookup, process runs, these types). Renderers do I/O (they spawn the tool);
 * everything they return is data.
 */
import type { Diagnostic, Surface } from '../../src/compiler/types.js'

/** Where a rendered value came from, for `regcfg render --explain`. */
export type ValueOrigin =
  | 'regcfg'           // a file regcfg emitted (.env, terraform.tfvars, values.yaml, the env Secret)
  | 'user-env'         // the process environment (a secret the user exports / TF_VAR_*)
  | 'compose-default'  // a `${VAR:-default}` in the registry's docker-compose.yml
  | 'compose-file'     // a literal in docker-compose.yml
  | 'env-file'         // an env_file: the service reads (e.g. the checkout's extra_env/auth-server.env)
  | 'chart-default'    // the chart's own values.yaml / templates
  | 'module'           // the Terraform module's own expressions
  | 'placeholder'      // a resource or data source the render could not evaluate (named, see detail)

export interface RenderedVar {
  value: string
  origin: ValueOrigin
  /** e.g. `${COGNITO_DOMAIN:-auto}`, `charts/auth-server/templates/deployment.yaml`, `random_password.secret_key` */
  detail?: string
  /** true when the value is a secret (masked in text output). */
  secret?: boolean
}

/** The canonical container names every renderer uses as keys. */
export type ContainerName = 'auth-server' | 'registry' | (string & {})

export interface RenderedContainer {
  name: ContainerName
  /** The name of the service / Deployment / ECS container in the registry's own files. */
  source: string
  env: Record<string, RenderedVar>
  /** The image and pull policy the workload runs it with, where the render shows them (Helm). */
  image?: { ref: string; pullPolicy?: string }
}

/** Something the render had to put in place of what only a real deployment has. */
export interface Substitution {
  what: string
  why: string
}

export interface ToolRun {
  tool: string
  version: string
  argv: string[]
  ms: number
}

export interface RenderResult {
  surface: Surface
  tools: ToolRun[]
  containers: Record<string, RenderedContainer>
  substitutions: Substitution[]
  /** Why the real tool refused (unset ${VAR:?}, a missing required variable, a missing Secret, ...). */
  problems: Diagnostic[]
  /** Other workloads the render deploys (e.g. a Keycloak StatefulSet), by kind/name: for "no IdP deployed that the spec does not use". */
  workloads?: string[]
}

export interface RenderInput {
  /** A checkout of the registry (a user's clone, at the version they deploy). */
  registryDir: string
  /** The surface's files as regcfg emitted them, by relative path. */
  files: Readonly<Record<string, string>>
  /** The process environment: where secret references are resolved from (never printed). */
  processEnv: Readonly<Record<string, string | undefined>>
  /**
   * Also work out origins that the tool's output alone does not show (Helm: a second render with the
   * chart's own defaults, to tell regcfg's values from the chart's). Costs a tool run; off by default.
   */
  explain?: boolean
}

export type Renderer = (input: RenderInput) => Promise<RenderResult>
