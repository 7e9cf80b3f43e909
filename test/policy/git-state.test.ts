import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { git, lintIn, literal, tempDir, tempRepo, write } from './_fixtures.js'

const ENV = `COGNITO_CLIENT_SECRET=${literal(1)}\n`

describe('git-state grading', () => {
  it('tracked, staged or untracked-not-ignored is an error; gitignored is info', async () => {
    const repo = tempRepo()
    write(repo, { '.gitignore': 'ignored/\n.env.local\n', 'tracked/.env': ENV, 'staged/.env': ENV, 'untracked/.env': ENV, 'ignored/.env': ENV, '.env.local': ENV })
    git(repo, 'add', '.gitignore', 'tracked/.env')
    git(repo, '-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-qm', 'x')
    git(repo, 'add', 'staged/.env')
    const { result } = await lintIn(repo)
    expect(result.findings.map((f) => [f.path, f.gitState, f.severity])).toEqual([
      ['.env.local', 'ignored', 'info'],
      ['staged/.env', 'tracked', 'error'],
      ['tracked/.env', 'tracked', 'error'],
      ['untracked/.env', 'untracked', 'error'],
    ])
    expect(result.findings[3]!.message).toContain('the next `git add` takes it')
  })

  it('an ignored folder is linted (info) when it is named explicitly, and skipped otherwise', async () => {
    const repo = tempRepo()
    write(repo, { '.gitignore': 'out/\n', 'out/env/.env': ENV })
    expect((await lintIn(repo)).result.findings).toEqual([])
    const { result } = await lintIn(repo, ['out'])
    expect(result.findings.map((f) => [f.path, f.severity])).toEqual([['out/env/.env', 'info']])
  })

  it('runs from a subfolder and with explicit files (pre-commit passes file names)', async () => {
    const repo = tempRepo()
    write(repo, { 'deploy/.env': ENV, 'deploy/notes.txt': 'x', 'README.md': '# x' })
    const sub = await lintIn(`${repo}/deploy`)
    expect(sub.result.findings.map((f) => f.path)).toEqual(['deploy/.env'])
    const files = await lintIn(repo, ['deploy/.env', 'deploy/notes.txt', 'README.md'])
    expect(files.result.files.map((f) => f.path)).toEqual(['deploy/.env'])
  })

  it('a PATH outside the first one\'s work tree is graded by its own repository, or as outside git', async () => {
    const repo = tempRepo()
    const other = tempRepo()
    const plain = tempDir()
    write(repo, { 'a/.env': ENV })
    write(other, { '.gitignore': '/.env\n', '.env': ENV, 'b/.env': ENV })
    write(plain, { 'c/.env': ENV })
    const { result } = await lintIn(repo, ['.', other, plain])
    const graded = (abs: string) => result.findings.filter((f) => resolve(repo, f.path) === abs).map((f) => [f.gitState, f.severity])
    expect(graded(join(repo, 'a/.env'))).toEqual([['untracked', 'error']])
    expect(graded(join(other, 'b/.env'))).toEqual([['untracked', 'error']]) // untracked in its own repository
    expect(graded(join(other, '.env'))).toEqual([['ignored', 'info']]) // ignored by its own .gitignore
    expect(graded(join(plain, 'c/.env'))).toEqual([['outside', 'warning']]) // no repository: not "the next git add takes it"
  })

  it('outside git: a plain walk, secrets graded warning', async () => {
    const dir = tempDir()
    write(dir, { 'a/.env': ENV, 'node_modules/x/.env': ENV })
    const { result } = await lintIn(dir)
    expect(result.findings.map((f) => [f.path, f.gitState, f.severity])).toEqual([['a/.env', 'outside', 'warning']])
  })
})
