/** How a finding shows a secret: never the value; its first 2 characters only when it is long enough. */
export function mask(value: unknown): string {
  const s = String(value)
  const n = [...s].length
  return n >= 12 ? `"${[...s].slice(0, 2).join('')}…", ${n} chars` : `${n} chars`
}
