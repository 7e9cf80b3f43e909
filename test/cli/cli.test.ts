import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const BIN = resolve('bin/regcfg.cjs')
const SECRETS = { SECRET_KEY: 'k'.repeat(40), AUTH_SERVER_NGINX_MARKER_SECRET: 'm'.repeat(32), COGNITO_CLIENT_SECRET: 'c0gn1to$ecret#1 x', KEYCLOAK_CLIENT_SECRET: 'kc', KEYCLOAK_ADMIN_PASSWORD: 'adm', KEYCLOAK_DB_PASSWORD: 'kcdb', DOCUMENTDB_PASSWORD: 'docdb', GRAFANA_ADMIN_PASSWORD: 'graf', OPENBAO_TOKEN: 'bao' }

function run(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? process.cwd(), env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ...opts.env }, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function gitRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'regcfg-cli-'))
  execFileSync('git', ['init', '-q'], { cwd: dir })
  return dir
}

describe('the command table', () => {
  it('shows each command with the first line of its own help', async () => {
    const { COMMANDS } = await import('../../src/cli/main.js')
    for (const [name, c] of Object.entries(COMMANDS)) expect((await c.load()).help.split('\n')[0], name).toBe(c.usage)
  })
})

describe('regcfg CLI (the built bin)', () => {
  it('prints its version and usage', () => {
    expect(run(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
    expect(run(['--help']).stdout).toContain('regcfg compile SPEC')
    expect(run([]).code).toBe(2)
  })

  it('validate: 0 valid, 1 invalid, 2 usage or I/O', () => {
    expect(run(['validate', 'examples/cognito.yaml']).code).toBe(0)
    const bad = join(mkdtempSync(join(tmpdir(), 'regcfg-')), 'bad.yaml')
    writeFileSync(bad, 'registry:\n  externalUrl: nope\nauth:\n  provider: cognito\n')
    const r = run(['validate', bad])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`${bad}:2:16: error RC2001 /registry/externalUrl`)
    expect(r.stderr).toContain(`${bad}:4:3: error RC2003 /auth/cognito`)
    expect(r.stderr).toContain('  hint: ')
    expect(run(['validate', 'no/such/file.yaml']).code).toBe(2)
    expect(run(['validate']).code).toBe(2)
    expect(run(['frobnicate']).code).toBe(2)
    expect(run(['validate', 'examples/cognito.yaml', '--bogus']).code).toBe(2)
  })

  it('validate --format json carries file, line, column, pointer, code and hint', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'regcfg-')), 'bad.yaml')
    writeFileSync(bad, 'registry:\n  externalUrl: https://r.example.com\nauth:\n  provider: cognito\n  cognito:\n    userPoolId: eu-west-1_X\n    clientId: a\n    clientSecret: literal\n    region: us-east-1\n')
    const r = run(['validate', bad, '--format', 'json'])
    const out = JSON.parse(r.stdout)
    expect(out.valid).toBe(false)
    expect(out.diagnostics).toEqual([expect.objectContaining({ file: bad, line: 8, column: 19, pointer: '/auth/cognito/clientSecret', code: 'RC2004', hint: expect.stringContaining('{ env: NAME }') })])
    expect(r.stdout).not.toContain('literal"')
  })

  it("a command's own usage error exits 2 with its message, not as an internal error", () => {
    // each command is bundled separately, with its own copy of UserError
    const r = run(['compile', 'examples/cognito.yaml', '--target', 'bogus'])
    expect(r.code).toBe(2)
    expect(r.stderr).toBe('regcfg: --target must be one of env, terraform, helm, helm-stack, all (got "bogus")\n')
  })

  it('compile prints one surface to stdout', () => {
    const r = run(['compile', 'examples/cognito.yaml', '--target', 'helm'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('type: cognito')
    expect(r.stdout).toContain('existingSecret: auth-server-env')
    expect(r.stdout).not.toContain('clientSecret')
  })

  it('compile --target all writes every surface into a gitignored folder, secrets only there', () => {
    const dir = gitRepo()
    writeFileSync(join(dir, '.gitignore'), 'out/\n')
    const r = run(['compile', resolve('examples/cognito.yaml'), '--target', 'all', '--out', 'out', '--write-secrets'], { cwd: dir, env: SECRETS })
    expect(r.stderr).toContain('create-env-secret.sh')
    expect(r.code).toBe(0)
    for (const f of ['env/.env', 'terraform/terraform.tfvars', 'terraform/secrets.auto.tfvars', 'helm/values.yaml', 'helm/create-env-secret.sh', 'helm-stack/values.yaml']) expect(existsSync(join(dir, 'out', f)), f).toBe(true)
    expect(readFileSync(join(dir, 'out/env/.env'), 'utf8')).toContain("COGNITO_CLIENT_SECRET='c0gn1to$ecret#1 x'")
    for (const f of ['terraform/terraform.tfvars', 'helm/values.yaml', 'helm/create-env-secret.sh', 'helm-stack/values.yaml']) expect(readFileSync(join(dir, 'out', f), 'utf8')).not.toContain('c0gn1to')
    expect(r.stderr + r.stdout).not.toContain('c0gn1to')
  })

  it('refuses to write secret values where git would see them, and says why', () => {
    const dir = gitRepo()
    const r = run(['compile', resolve('examples/cognito.yaml'), '--target', 'env', '--out', 'deploy'], { cwd: dir, env: SECRETS })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('RC4004')
    expect(r.stderr).toContain('not ignored')
    expect(existsSync(join(dir, 'deploy/.env'))).toBe(false)
    // tracked beats ignored
    mkdirSync(join(dir, 'deploy'))
    writeFileSync(join(dir, 'deploy/.env'), 'OLD=1\n')
    execFileSync('git', ['add', 'deploy/.env'], { cwd: dir })
    writeFileSync(join(dir, '.gitignore'), 'deploy/\n')
    const t = run(['compile', resolve('examples/cognito.yaml'), '--target', 'env', '--out', 'deploy'], { cwd: dir, env: SECRETS })
    expect(t.code).toBe(1)
    expect(t.stderr).toContain('git tracks this file')
    expect(readFileSync(join(dir, 'deploy/.env'), 'utf8')).toBe('OLD=1\n')
  })

  it('asks git wherever git could find a repository, and spawns no git where it cannot', async () => {
    const { gitExposure } = await import('../../src/cli/host.js')
    const base = mkdtempSync(join(tmpdir(), 'regcfg-git-'))
    expect(gitExposure(join(base, 'plain/out/.env'))).toBeUndefined()
    // a .git file (worktrees, submodules, --separate-git-dir) counts as much as a .git folder
    execFileSync('git', ['init', '-q', '--separate-git-dir', join(base, 'store'), join(base, 'wt')])
    expect(gitExposure(join(base, 'wt/out/.env'))).toContain('not ignored')
    // inside a git folder (bare repository) git is asked too, and refuses as it always did
    execFileSync('git', ['init', '-q', '--bare', join(base, 'bare.git')])
    expect(gitExposure(join(base, 'bare.git/out/.env'))).toContain('not ignored')
    // GIT_DIR / GIT_WORK_TREE put a work tree where no .git is
    mkdirSync(join(base, 'plain'))
    process.env.GIT_DIR = join(base, 'store')
    process.env.GIT_WORK_TREE = join(base, 'plain')
    try {
      expect(gitExposure(join(base, 'plain/out/.env'))).toContain('not ignored')
    } finally {
      delete process.env.GIT_DIR
      delete process.env.GIT_WORK_TREE
    }
  })

  it('terraform and helm output needs no secret values and is safe to commit', () => {
    const dir = gitRepo()
    expect(run(['compile', resolve('examples/cognito.yaml'), '--target', 'terraform', '--out', 'tf'], { cwd: dir }).code).toBe(0)
    expect(run(['compile', resolve('examples/cognito.yaml'), '--target', 'helm', '--out', 'helm'], { cwd: dir }).code).toBe(0)
  })

  it('names the missing environment variable, never a value', () => {
    const r = run(['compile', 'examples/cognito.yaml', '--target', 'env'], { env: { SECRET_KEY: 'k'.repeat(40), AUTH_SERVER_NGINX_MARKER_SECRET: 'm'.repeat(32) } })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/examples\/cognito\.yaml:\d+:\d+: error RC3004 \[env\] \/auth\/cognito\/clientSecret: .*COGNITO_CLIENT_SECRET is not set/)
    expect(r.stderr).not.toContain('kkkkkkkk')
  })

  it('rejects an unknown target and --target all without --out', () => {
    expect(run(['compile', 'examples/cognito.yaml', '--target', 'k8s']).code).toBe(2)
    expect(run(['compile', 'examples/cognito.yaml', '--target', 'all']).code).toBe(2)
  })

  it('reports a Terraform-inexpressible URL with its spec position', () => {
    const spec = join(mkdtempSync(join(tmpdir(), 'regcfg-')), 's.yaml')
    writeFileSync(spec, readFileSync('examples/cognito.yaml', 'utf8').replace('https://registry.example.com', 'https://gateway.example.com'))
    const r = run(['compile', spec, '--target', 'terraform'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/s\.yaml:5:16: error RC4001 \[terraform\] \/registry\/externalUrl/)
  })
})
