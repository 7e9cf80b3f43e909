/**
 * A copy of a string that keeps no larger string alive. V8 represents a long `slice` as a view of its parent,
 * so a header value sliced from the lane's request head holds the whole head for as long as anything holds
 * the value: what a cache keeps for long, it keeps as its own copy. Strings a latin1 round trip would change
 * (none that come from HTTP fields) are returned as they are.
 */
export function ownString(s: string): string {
  const copy = Buffer.from(s, 'latin1').toString('latin1')
  return copy === s ? copy : s
}

/**
 * `compute` remembered per input, for the few strings that come again on every request (field names, the log
 * line's method and path): the keys are own copies (above), and once `max` are kept the rest are computed
 * without being remembered, whatever a client sends.
 */
export function rememberedPerString(compute: (s: string) => string, max: number): (s: string) => string {
  const known = new Map<string, string>()
  return (s) => {
    let v = known.get(s)
    if (v === undefined) {
      v = compute(s)
      if (known.size < max) known.set(ownString(s), v)
    }
    return v
  }
}
