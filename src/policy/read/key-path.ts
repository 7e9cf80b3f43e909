/**
 * Dotted entry keys (`global.authProvider.type`, `tags.team`), built one segment at a time from a
 * tree of the keys seen in this run. Keys repeat across a tree's files: each key string is made
 * once, and every entry with that key shares it. A freshly concatenated key is a rope that every
 * look-up (the parameter map, the secret-name verdicts) must first copy flat and hash; a shared one
 * has both done once.
 */
export class KeyPath {
  private children: Map<string, KeyPath> | undefined

  private constructor(
    /** The dotted key: the parent's key, a dot and the segment; just the segment under the root (''). */
    readonly key: string,
  ) {}

  /** The key one segment further: `${key}.${segment}`, or `segment` when this key is ''. */
  child(segment: string): KeyPath {
    const children = (this.children ??= new Map())
    let c = children.get(segment)
    if (c === undefined) children.set(segment, (c = new KeyPath(this.key === '' ? segment : `${this.key}.${segment}`)))
    return c
  }

  /** The empty key, where every path starts. */
  static readonly root = new KeyPath('')
}
