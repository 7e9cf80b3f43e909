import { hash } from 'node:crypto'
import type { FileJudgement } from './lint.js'
import type { RoleContext } from './role.js'
import type { FileKind } from './types.js'

/**
 * Per-file lint results kept between runs, by content. A file's judgement (lint.ts) depends on its
 * path, its text, whether it is the --spec, the code that judged it and the Chart.yaml folders its
 * role asked about; the key hashes the first four (the code as `salt`: regcfg's version and bundle,
 * which holds the parameter map and the rules, and the HCL parser's version), and each entry keeps
 * the folders it asked about with their answers, checked again before it is used. Findings are
 * graded (git state, baseline) after the cache, every run.
 *
 * An entry holds rule ids, positions, parameter ids or keys and the rules' messages, which show a
 * secret only as the report does (its length, and its first two characters when it is long):
 * never a value. The store's text is loaded and saved by the caller (I/O at the edge).
 */
export interface CacheEntry {
  /** Last used, in days since the epoch (updated at most once a day). */
  t: number
  /** Chart folders the role asked about: [folder, holds a Chart.yaml]. */
  asked: [string, boolean][]
  /** null: no surface file. */
  judged: FileJudgement | null
}

interface Stored {
  v: typeof FORMAT
  salt: string
  entries: Record<string, CacheEntry>
}

const FORMAT = 1
/** Past this many entries the least recently used go at save. */
export const MAX_ENTRIES = 20_000

const today = (): number => Math.floor(Date.now() / 86_400_000)

export class ResultCache {
  private readonly entries: Map<string, CacheEntry>
  private changed = false
  /** Keys this run used: kept first when the store is cut to size. */
  private readonly used = new Set<string>()

  /** `text`: the store as saved before (anything unreadable or of another salt is an empty store). */
  constructor(
    private readonly salt: string,
    text: string | undefined,
  ) {
    this.entries = new Map(Object.entries(loaded(text, salt)))
  }

  keyOf(path: string, text: string, as: FileKind | undefined): string {
    return hash('sha256', `${this.salt}\0${as ?? ''}\0${path}\0${text}`, 'hex')
  }

  /** The judgement kept for this key, if every chart folder it asked about still answers the same. */
  get(key: string, ctx: RoleContext): FileJudgement | null | undefined {
    const e = this.entries.get(key)
    if (!e || !e.asked.every(([dir, is]) => ctx.isChartDir(dir) === is)) return undefined
    this.used.add(key)
    const t = today()
    if (e.t !== t) ((e.t = t), (this.changed = true))
    return e.judged
  }

  set(key: string, asked: [string, boolean][], judged: FileJudgement | null): void {
    this.entries.set(key, { t: today(), asked, judged })
    this.used.add(key)
    this.changed = true
  }

  /** The store's new text, or undefined when nothing changed. */
  save(): string | undefined {
    if (!this.changed) return undefined
    let kept = [...this.entries]
    const rank = ([k, e]: [string, CacheEntry]) => (this.used.has(k) ? Infinity : e.t)
    if (kept.length > MAX_ENTRIES) kept = kept.sort((a, b) => rank(b) - rank(a)).slice(0, MAX_ENTRIES)
    return JSON.stringify({ v: FORMAT, salt: this.salt, entries: Object.fromEntries(kept) } satisfies Stored)
  }
}

function loaded(text: string | undefined, salt: string): Record<string, CacheEntry> {
  if (!text) return {}
  try {
    const s = JSON.parse(text) as Partial<Stored>
    return s.v === FORMAT && s.salt === salt && s.entries && typeof s.entries === 'object' ? s.entries : {}
  } catch {
    return {}
  }
}

/** A RoleContext that also records each question and its answer (they go into the cache entry). */
export function recording(ctx: RoleContext): { ctx: RoleContext; asked: [string, boolean][] } {
  const asked: [string, boolean][] = []
  return {
    asked,
    ctx: {
      isChartDir(dir) {
        const is = ctx.isChartDir(dir)
        if (!asked.some(([d]) => d === dir)) asked.push([dir, is])
        return is
      },
    },
  }
}
