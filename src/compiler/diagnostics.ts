import type { Diagnostic, Range, Severity, Surface } from './types.js'

/**
 * The diagnostic catalogue. Codes are stable: RC1xxx load, RC2xxx validate, RC3xxx resolve,
 * RC4xxx targets and surface files, RC5xxx policy, RC7xxx renders (the real deployment tool on a registry checkout). `{name}` placeholders are filled from args.
 */
export const CATALOGUE = {
  RC1001: { severity: 'error', message: 'cannot read {file}: {reason}', hint: 'Check the path and the file permissions.' },
  RC1002: { severity: 'error', message: 'YAML syntax error: {reason}', hint: 'Fix the YAML at this position; a YAML linter (yamllint) shows the same.' },
  RC1003: { severity: 'error', message: 'the spec is empty', hint: 'Start from examples/cognito.yaml or examples/keycloak.yaml.' },
  RC1004: { severity: 'error', message: 'the file is not text (it contains {what})', hint: 'Pass the YAML spec, not a binary file.' },
  RC1005: { severity: 'error', message: 'the spec is {size} bytes, over the {limit}-byte limit', hint: 'A registry spec is a few kilobytes; check that this is the right file.' },
  RC1006: { severity: 'error', message: 'the top level of the spec must be a mapping, not {what}', hint: 'Write `registry:` and `auth:` sections at the top level.' },
  RC1007: { severity: 'warning', message: 'YAML warning: {reason}', hint: 'Fix the YAML at this position.' },
  RC2001: { severity: 'error', message: '{message}', hint: '{hint}' },
  RC2002: { severity: 'error', message: 'unknown key "{key}"', hint: '{hint}' },
  RC2003: { severity: 'error', message: 'missing required key "{key}"', hint: 'Add `{key}:` here.' },
  RC2004: { severity: 'error', message: '{param} is a secret and takes a reference, not a literal value', hint: 'Write one of: { env: NAME }, { file: PATH }, { awsSecretsManager: ARN }, { kubernetesSecret: { name: NAME, key: KEY } }. Keep the value itself out of files that git tracks.' },
  RC2005: { severity: 'error', message: 'the "{provider}" provider is active but auth.{provider} is missing', hint: 'Add an `auth.{provider}:` section, or change auth.provider.' },
  RC3001: { severity: 'error', message: 'region "{region}" disagrees with the User Pool id "{pool}", which is in {poolRegion}', hint: 'Remove auth.cognito.region (it is derived from the pool id) or set it to {poolRegion}. A wrong region makes every token fail validation (issuer and JWKS URLs are built from it).' },
  RC3002: { severity: 'error', message: 'User Pool id "{pool}" is not of the form <region>_<id>', hint: 'Copy the pool id from the Cognito console, e.g. us-east-1_AbC123xyz.' },
  RC3003: { severity: 'error', message: 'hosted UI domain "{domain}" must be a prefix, not a URL or host', hint: 'Write only the prefix (e.g. `my-registry` for https://my-registry.auth.<region>.amazoncognito.com), or leave it empty to derive it from the pool id.' },
  RC3004: { severity: 'error', message: 'secret {param}: {reason}', hint: '{hint}' },
  RC3005: { severity: 'error', message: '{what} "{url}" must be an absolute http(s) URL without a trailing slash', hint: 'Write it like https://registry.example.com.' },
  RC4001: { severity: 'error', message: '{param} = "{value}" cannot be expressed on {surface}: {reason}', hint: '{hint}' },
  RC4002: { severity: 'warning', message: '{param} is set but {surface} cannot carry it: {reason}', hint: 'The {surface} deployment will use its own value; see docs/parameters.md.' },
  RC4003: { severity: 'error', message: 'value of {param} has no form that both docker compose and the dotenv package read the same way', hint: 'Avoid a value that holds a single quote together with a backslash, $, double quote or backtick.' },
  RC4004: { severity: 'error', message: 'refusing to write secret values into {file}: {reason}', hint: 'Write the output to a folder that git ignores (add it to .gitignore), or use references that the surface resolves itself.' },
  RC4005: { severity: 'error', message: '{file}: {reason}', hint: '{hint}' },
  RC4007: { severity: 'error', message: '{param} is required on {surface}: {reason}', hint: 'Add {param} to the spec (as a secret reference).' },
  RC4006: { severity: 'error', message: '{param} differs between {a} and {b} in {file}', hint: 'Both paths must hold the same value; regcfg writes both.' },
  RC7001: { severity: 'error', message: '{tool} not found', hint: 'Set REGCFG_{envName} to its path, put it on PATH, or run: bash tools/setup-test-services.sh' },
  RC7002: { severity: 'error', message: '{tool} failed: {reason}', hint: '{hint}' },
  RC7003: { severity: 'error', message: '{variable} is required by service {services} (`{expr}`) and {state}: docker compose refuses to start ({message})', hint: 'Add {variable}=<value> to the .env (or export it before `docker compose up`); the render substituted a placeholder to go on.' },
  RC7004: { severity: 'error', message: '{variable} = "{given}" in the .env does not reach service {service}: `{expr}` turns it into "{value}"', hint: '{hint}' },
  RC7005: { severity: 'warning', message: '{variable} is in the .env but service {service} does not receive it: its environment in docker-compose.yml has no {variable} ({elsewhere})', hint: 'The registry\'s docker-compose.yml passes each variable by name; the value is lost unless the service lists it (or an env_file: it reads sets it).' },
  RC7008: { severity: 'warning', message: 'the .env has no {variable} ({param}: the auth-server\'s own default), but service {service} gets "{value}" from `{expr}`', hint: 'docker-compose.yml sets a default of its own; write {variable} into the .env (a value for {param} in the spec) so the service gets the intended one.' },
  RC7006: { severity: 'error', message: '{workload} container {container} reads {kind} {name} ({how}), which neither the chart nor create-env-secret.sh creates: the pod cannot start', hint: '{hint}' },
  RC7007: { severity: 'error', message: 'create-env-secret.sh cannot create the Secret: {reason}', hint: '{hint}' },
  // RC71xx: what the real terraform says of the emitted terraform.tfvars (targets/terraform/render.ts)
  RC7101: { severity: 'error', message: 'terraform: variable "{name}" is required and {where} sets it: plan and apply stop here', hint: '{hint}' },
  RC7102: { severity: 'error', message: 'terraform: {summary}{detail}', hint: '{hint}' },
  RC7103: { severity: 'warning', message: 'terraform: {file} sets "{name}", which the registry\'s Terraform configuration does not declare', hint: 'terraform ignores the value; compare the name with the variables in {decls}.' },
  RC7104: { severity: 'warning', message: 'terraform: {summary}{detail}', hint: '{hint}' },
} as const satisfies Record<string, { severity: Severity; message: string; hint: string }>

export type DiagnosticCode = keyof typeof CATALOGUE

export interface DiagnosticAt {
  file?: string
  pointer?: string
  range?: Range
  surface?: Surface
}

function fill(template: string, args: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m))
}

/** Builds a diagnostic from the catalogue. */
export function diag(code: DiagnosticCode, at: DiagnosticAt, args: Record<string, string | number> = {}): Diagnostic {
  const entry = CATALOGUE[code]
  const d: Diagnostic = { code, severity: entry.severity, message: fill(entry.message, args), hint: fill(entry.hint, args) }
  return { ...d, ...definedOnly(at) }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error')
