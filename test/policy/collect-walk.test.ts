import { mkdirSync, symlinkSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { collect } from '../../src/policy/collect.js'
import { nodePolicyHost } from '../../src/policy/host.js'
import { git, tempDir, tempRepo, write } from './_fixtures.js'

/**
 * The plain walk names files by joining each folder's path (normalized once) and its path relative
 * to the base (resolved once) with the names readdir gives: each file's absolute path is what
 * node:path resolves, and its path is node:path's relative path from the base.
 */
const FILES = {
  '.env': 'A=1\n', 'a/.env.local': 'A=1\n', 'a/b/values.yaml': 'x: 1\n', 'a/b/c/x.tfvars': 'a = 1\n', 'a/b/c/y.tfvars.json': '{}',
  'a/notes.txt': 'x', 'node_modules/m/.env': 'A=1\n', 'd e/ü.env': 'A=1\n', 'a/.git/x.env': 'A=1\n', 'z/charts/helm/values-prod.yml': 'a: 1\n',
}

/** The files the collector finds (how many), each named as node:path names it. */
function same(cwd: string, paths: string[]): number {
  const host = { ...nodePolicyHost, cwd: () => cwd }
  const now = collect(host, paths)
  const root = now.git?.root ?? cwd
  for (const f of now.files) {
    expect(f.abs, JSON.stringify(paths)).toBe(resolve(f.abs))
    expect(f.path, JSON.stringify(paths)).toBe(relative(root, f.abs).split('\\').join('/'))
  }
  expect(new Set(now.files.map((f) => f.path)).size).toBe(now.files.length)
  return now.files.length
}

describe('plain walk paths', () => {
  it('outside git, from absolute targets written in any form and from relative ones', () => {
    const dir = tempDir()
    write(dir, FILES)
    mkdirSync(join(dir, 'other'))
    symlinkSync(join(dir, 'a'), join(dir, 'other', 'link'))
    const found = [[dir], [`${dir}/`], [`${dir}//a/`], [`${dir}/a/../a/b`], [`${dir}/./a`, dir], ['.'], ['a', 'a/b'], ['other/link/..'], [`${dir}/other/link/b`], [`${dir}/a/.env.local`, `${dir}/a`]].map((paths) => same(dir, paths))
    expect(found[0]).toBe(7)
    expect(found.filter((n) => n > 0).length).toBeGreaterThan(7)
  })

  it('inside git: folders outside the repository and gitignored folders are walked', () => {
    const repo = tempRepo()
    write(repo, { '.gitignore': 'out/\n', 'x/.env': 'A=1\n', ...Object.fromEntries(Object.entries(FILES).map(([p, t]) => [`out/${p}`, t])) })
    git(repo, 'add', '.gitignore')
    const outside = tempDir()
    write(outside, FILES)
    const found = [[repo], [repo, outside], [repo, `${outside}/a/`], ['out'], [`${repo}/out/a/b/`, repo]].map((paths) => same(repo, paths))
    expect(found).toEqual([1, 8, 5, 7, 4])
  })

  it('the root folder joins without a doubled separator', () => {
    const entries = new Map([['/', [{ name: 'x.env', kind: 'file' as const }, { name: 'd', kind: 'dir' as const }]], ['/d', [{ name: 'values.yaml', kind: 'file' as const }]]])
    const host = { ...nodePolicyHost, cwd: () => '/', kind: (p: string) => (p === '/' || p === '/d' ? ('dir' as const) : undefined), list: (d: string) => entries.get(d) ?? [], git: () => undefined }
    expect(collect(host, ['/']).files.map((f) => [f.abs, f.path])).toEqual([['/d/values.yaml', 'd/values.yaml'], ['/x.env', 'x.env']])
  })
})
