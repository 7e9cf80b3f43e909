/**
 * The head of one `GET /validate` request read straight from the bytes of a connection, for the lane
 * (lane.ts) that answers nginx's auth_request subrequests without node:http's per-request machinery.
 *
 * It reads a strict subset of HTTP/1.1 (RFC 9112) and declines everything else: the lane then hands the
 * connection, from that request on, to node:http (llhttp), which answers as it always did — with a 400,
 * a 431, a body read, a redirect… So this reader never has to be lenient, only never wrong about what
 * it accepts:
 * - the request line is exactly `GET /validate HTTP/1.1` or `HTTP/1.0` (no query, no absolute form);
 * - each field is `token ":" OWS value OWS` with a value of visible ASCII, SP and HTAB only: no obs-fold,
 *   no bare CR or LF, no obs-text, no NUL;
 * - no field name twice (node:http's rules for merging duplicates then apply), a Host for HTTP/1.1;
 * - no message body: no Transfer-Encoding, a Content-Length only if it is 0, no Expect, no Upgrade;
 * - a Connection field, if any, of exactly `close` or `keep-alive`;
 * - at most MAX_HEAD bytes and MAX_FIELDS fields, well under node:http's own limits.
 *
 * The input is a latin1 string of the connection's bytes (one character per byte), so offsets are byte
 * offsets and what is declined goes back to node:http byte for byte.
 */
import { rememberedPerString } from '../own-string.js'

export const MAX_HEAD = 12 * 1024
const MAX_FIELDS = 64

export interface ValidateHead {
  method: 'GET'
  url: '/validate'
  /** Lower-cased names, values trimmed of OWS: the shape of IncomingMessage#headers. */
  headers: Record<string, string>
  /** Whether the connection stays open after the answer (HTTP/1.1 unless `close`; HTTP/1.0 only with `keep-alive`). */
  keepAlive: boolean
}

export type HeadRead =
  | { kind: 'head'; head: ValidateHead; /** offset just past the blank line */ end: number }
  | { kind: 'partial' }
  | { kind: 'decline' }

const PARTIAL: HeadRead = { kind: 'partial' }
const DECLINE: HeadRead = { kind: 'decline' }

const LINE_11 = 'GET /validate HTTP/1.1\r\n'
const LINE_10 = 'GET /validate HTTP/1.0\r\n'
/**
 * The field lines between the request line and the blank line, each `token ":" value CRLF` with a value of
 * HTAB, SP and visible ASCII only: checked in one pass over the whole block.
 */
const FIELDS = /^(?:[!#$%&'*+.^_`|~0-9A-Za-z-]+:[\t\x20-\x7e]*\r\n)*$/
const isOws = (c: number) => c === 0x20 || c === 0x09
/** Fields whose presence means a message this reader does not handle. */
const NOT_HERE = new Set(['transfer-encoding', 'expect', 'upgrade', 'te', 'trailer'])

/**
 * Field names lower-cased, remembered per spelling: nginx sends the same few names on every request, and
 * toLowerCase per field was a measurable share of a cached answer.
 */
const nameOf = rememberedPerString((raw) => raw.toLowerCase(), 512)

/** The request that starts at `from` in `data`: complete, incomplete so far, or not for the lane. */
export function readValidateHead(data: string, from: number): HeadRead {
  const end = data.indexOf('\r\n\r\n', from)
  if (end === -1) {
    // enough bytes to rule the request line out early, or too many to be a head the lane takes
    const have = data.length - from
    if (have > MAX_HEAD) return DECLINE
    const probe = data.slice(from, from + Math.min(have, LINE_11.length))
    return LINE_11.startsWith(probe) || LINE_10.startsWith(probe) ? PARTIAL : DECLINE
  }
  if (end + 4 - from > MAX_HEAD) return DECLINE
  const http11 = data.startsWith(LINE_11, from)
  if (!http11 && !data.startsWith(LINE_10, from)) return DECLINE
  // the fields, each with its CRLF; none at all when the blank line follows the request line
  const fieldsStart = from + LINE_11.length
  if (!FIELDS.test(data.slice(fieldsStart, end + 2))) return DECLINE
  const headers: Record<string, string> = {}
  let count = 0
  let connection = ''
  for (let at = fieldsStart; at < end + 2; ) {
    const eol = data.indexOf('\r\n', at)
    const colon = data.indexOf(':', at) // within this line: the block's shape is checked
    if (++count > MAX_FIELDS) return DECLINE
    const key = nameOf(data.slice(at, colon))
    let v0 = colon + 1
    let v1 = eol
    while (v0 < v1 && isOws(data.charCodeAt(v0))) v0++
    while (v1 > v0 && isOws(data.charCodeAt(v1 - 1))) v1--
    at = eol + 2
    // a name seen before, or one Object.prototype answers (`__proto__`, `constructor`): node:http's to read
    if (headers[key] !== undefined || NOT_HERE.has(key)) return DECLINE
    const value = data.slice(v0, v1)
    if (key === 'content-length' && value !== '0') return DECLINE
    if (key === 'connection') connection = value.toLowerCase()
    headers[key] = value
  }
  if (http11 && headers.host === undefined) return DECLINE
  // only the plain values nginx sends (or none); a list, `upgrade` or anything else is node:http's to weigh
  if (connection !== '' && connection !== 'close' && connection !== 'keep-alive') return DECLINE
  const keepAlive = http11 ? connection !== 'close' : connection === 'keep-alive'
  return { kind: 'head', head: { method: 'GET', url: '/validate', headers, keepAlive }, end: end + 4 }
}
