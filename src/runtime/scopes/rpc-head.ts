/**
 * The JSON-RPC method and tool name of the body nginx forwards in X-Body, read in one pass over the
 * text without building its value. /validate asks this on every MCP request; JSON.parse would build the
 * whole message (its arguments too) only for two strings to be read out of it, and that was the largest
 * single cost of a cached answer.
 *
 * The grammar is JSON.parse's exactly (RFC 8259 as ECMA-262 reads it): the same texts are refused, and
 * for the others the answer is what `JSON.parse(text)` then `.method` and `.params.name` would give — the
 * last of duplicate keys wins, `__proto__` is an ordinary key, escapes in keys and values are decoded
 * (by JSON.parse itself, on the one string that has them). test/runtime/rpc-head.test.ts holds it to
 * JSON.parse as the oracle. Iterative, so no nesting depth overflows the stack.
 */

export type RpcHead =
  /** One message: the method and params.name when they are strings. */
  | { kind: 'message'; method: string | undefined; tool: string | undefined }
  /** An array of other than one message (a batch, or an empty one). */
  | { kind: 'batch' }
  /** Not JSON: JSON.parse would throw. */
  | { kind: 'invalid' }

const INVALID: RpcHead = Object.freeze({ kind: 'invalid' })
const BATCH: RpcHead = Object.freeze({ kind: 'batch' })

/** What a container is to the reader: only the message object and its params object are looked into. */
const OTHER = 0
const ROOT_ARRAY = 1
const MESSAGE = 2
const PARAMS = 3

/** What the value after a key is: the message's method or params, the params' name, or nothing read. */
const NONE = 0
const METHOD = 1
const PARAMS_KEY = 2
const NAME = 3

// the open containers, reused between calls (the reader never yields): role * 2 + (1 for an object)
const stack: number[] = []

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
const isDigit = (c: number) => c >= 0x30 && c <= 0x39
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)

/** Set by stringEnd: whether the string it read holds an escape. */
let escaped = false

/** The offset just past the closing quote of the string whose opening quote is at `at`; -1 if it is not one. */
function stringEnd(s: string, at: number): number {
  escaped = false
  for (let i = at + 1; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x22) return i + 1
    if (c < 0x20) return -1
    if (c === 0x5c) {
      escaped = true
      const e = s.charCodeAt(++i)
      if (e === 0x75) {
        if (!(isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2)) && isHex(s.charCodeAt(i + 3)) && isHex(s.charCodeAt(i + 4)))) return -1
        i += 4
      } else if (e !== 0x22 && e !== 0x5c && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) return -1
    }
  }
  return -1
}

/** The offset just past the number at `at`; -1 if none starts there. */
function numberEnd(s: string, at: number): number {
  let i = at
  if (s.charCodeAt(i) === 0x2d) i++
  if (s.charCodeAt(i) === 0x30) i++
  else if (isDigit(s.charCodeAt(i))) while (isDigit(s.charCodeAt(i))) i++
  else return -1
  if (s.charCodeAt(i) === 0x2e) {
    if (!isDigit(s.charCodeAt(++i))) return -1
    while (isDigit(s.charCodeAt(i))) i++
  }
  const e = s.charCodeAt(i)
  if (e === 0x65 || e === 0x45) {
    const sign = s.charCodeAt(++i)
    if (sign === 0x2b || sign === 0x2d) i++
    if (!isDigit(s.charCodeAt(i))) return -1
    while (isDigit(s.charCodeAt(i))) i++
  }
  return i
}

/** The string value between quotes at [from, to), decoded. */
const text = (s: string, from: number, to: number, hasEscape: boolean): string => (hasEscape ? (JSON.parse(s.slice(from, to)) as string) : s.slice(from + 1, to - 1))

/** Which value the key at [from, to) of a container of `role` names. */
function keyOf(s: string, from: number, to: number, hasEscape: boolean, role: number): number {
  if (role !== MESSAGE && role !== PARAMS) return NONE
  if (hasEscape) {
    const key = text(s, from, to, true)
    if (role === PARAMS) return key === 'name' ? NAME : NONE
    return key === 'method' ? METHOD : key === 'params' ? PARAMS_KEY : NONE
  }
  const n = to - from
  if (role === PARAMS) return n === 6 && s.startsWith('name', from + 1) ? NAME : NONE
  return n === 8 && s.startsWith('method', from + 1) ? METHOD : n === 8 && s.startsWith('params', from + 1) ? PARAMS_KEY : NONE
}

export function readRpcHead(s: string): RpcHead {
  if (stack.length > 1024) stack.length = 0 // what a deeply nested body grew, not kept for ever
  let method: string | undefined
  let tool: string | undefined
  let rootItems = 0
  let depth = 0
  // what the value about to be read is (a key's value, an array item, the root)
  let slot = NONE
  let role = OTHER // the innermost open container's
  let i = 0
  for (;;) {
    // a value
    while (isWs(s.charCodeAt(i))) i++
    const c = s.charCodeAt(i)
    if (depth === 1 && role === ROOT_ARRAY) rootItems++
    if (slot === PARAMS_KEY) tool = undefined // the last params wins, whatever it is
    if (c === 0x7b || c === 0x5b) {
      const object = c === 0x7b
      const childRole = depth === 0 ? (object ? MESSAGE : ROOT_ARRAY) : role === ROOT_ARRAY && rootItems === 1 && object ? MESSAGE : slot === PARAMS_KEY && object ? PARAMS : OTHER
      if (slot === METHOD) method = undefined
      else if (slot === NAME) tool = undefined
      stack[depth++] = role * 2 + (object ? 1 : 0)
      role = childRole
      i++
      while (isWs(s.charCodeAt(i))) i++
      // an empty container is closed below, like one after its last item
      if (s.charCodeAt(i) !== (object ? 0x7d : 0x5d)) {
        if ((i = readItemStart(s, i, object, role)) < 0) return INVALID
        slot = keySlot
        continue
      }
    } else if (c === 0x22) {
      const end = stringEnd(s, i)
      if (end < 0) return INVALID
      if (slot === METHOD) method = text(s, i, end, escaped)
      else if (slot === NAME) tool = text(s, i, end, escaped)
      i = end
    } else {
      if (c === 0x74 && s.startsWith('true', i)) i += 4
      else if (c === 0x66 && s.startsWith('false', i)) i += 5
      else if (c === 0x6e && s.startsWith('null', i)) i += 4
      else if ((i = numberEnd(s, i)) < 0) return INVALID
      if (slot === METHOD) method = undefined
      else if (slot === NAME) tool = undefined
    }
    // after a value: the end, or the container's next item or close
    for (;;) {
      while (isWs(s.charCodeAt(i))) i++
      if (depth === 0) {
        if (i !== s.length) return INVALID
        if (role === ROOT_ARRAY && rootItems !== 1) return BATCH
        return { kind: 'message', method, tool }
      }
      const object = (stack[depth - 1]! & 1) === 1
      const c2 = s.charCodeAt(i)
      if (c2 === 0x2c) {
        i++
        while (isWs(s.charCodeAt(i))) i++
        if ((i = readItemStart(s, i, object, role)) < 0) return INVALID
        slot = keySlot
        break
      }
      if (c2 !== (object ? 0x7d : 0x5d)) return INVALID
      i++
      const parent = stack[--depth]! >> 1
      if (depth > 0) role = parent // the root's own role stays, for the end check
    }
  }
}

/** Set by readItemStart: the slot of the key it read (NONE for an array item). */
let keySlot = NONE

/**
 * What comes before an item's value, at `at` (white space already skipped): in an object `"key" ws :`, in an
 * array nothing. The offset where the value starts (white space not skipped), or -1.
 */
function readItemStart(s: string, at: number, object: boolean, role: number): number {
  keySlot = NONE
  if (!object) return at
  if (s.charCodeAt(at) !== 0x22) return -1
  const end = stringEnd(s, at)
  if (end < 0) return -1
  keySlot = keyOf(s, at, end, escaped, role)
  let i = end
  while (isWs(s.charCodeAt(i))) i++
  return s.charCodeAt(i) === 0x3a ? i + 1 : -1
}
