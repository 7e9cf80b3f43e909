import type { Entry, FileRole } from './types.js'

/**
 * What a surface file is for, which decides how its findings are graded:
 * - `deployment`: a file a deployment reads (the default);
 * - `example`: a template committed to be copied (`.env.example`, `.env.template`, `*.tfvars.example`,
 *   `values.example.yaml`): a placeholder or empty value is expected there;
 * - `chart-defaults`: a chart's own `values.yaml` (next to its Chart.yaml): defaults, not a deployment;
 * - `test-suite`: a helm-unittest suite (`suite:` / `tests:` with `asserts:`), wherever it is;
 * - `test-fixture`: a file under a test folder, a chart-testing `ci/` values file, `.env.test`.
 */
export interface RoleContext {
  /** Whether the folder (repository-relative, '' for the root) holds a Chart.yaml. */
  isChartDir(dir: string): boolean
}

const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'testdata', 'test-data', 'fixtures', '__fixtures__', 'e2e'])

/** `.env.example`, `.env.template`, `terraform.tfvars.example`, `values.example.yaml`, `secrets.sample.env`. */
const EXAMPLE = /(^|[._-])(example|examples|template|tmpl|tpl|sample|dist)([._-]|$)/i

/** `.env.test`, `.env.ci`, `values-test.yaml`. */
const TEST_NAME = /^\.env\.(test|testing|ci)$|(^|[._-])(test|ci)\.(ya?ml|env|tfvars)$/i

export function roleOf(path: string, ctx: RoleContext, yaml?: { topKeys: readonly string[]; entries: readonly Entry[] }): FileRole {
  if (yaml && isHelmUnittestSuite(yaml.topKeys, yaml.entries)) return 'test-suite'
  const parts = path.split('/')
  const base = parts.pop()!
  if (parts.some((p) => TEST_DIRS.has(p.toLowerCase())) || TEST_NAME.test(base)) return 'test-fixture'
  const dir = parts.join('/')
  // chart-testing's values files: <chart>/ci/*.yaml
  if (parts.at(-1) === 'ci' && ctx.isChartDir(parts.slice(0, -1).join('/'))) return 'test-fixture'
  if (EXAMPLE.test(base)) return 'example'
  if (/^values\.ya?ml$/.test(base) && ctx.isChartDir(dir)) return 'chart-defaults'
  return 'deployment'
}

/** A helm-unittest suite: a `tests` list whose items assert, beside `suite` or `templates`. */
function isHelmUnittestSuite(topKeys: readonly string[], entries: readonly Entry[]): boolean {
  if (!topKeys.includes('tests') || !(topKeys.includes('suite') || topKeys.includes('templates'))) return false
  return entries.some((e) => /^tests\.\d+\.asserts\./.test(e.key))
}
