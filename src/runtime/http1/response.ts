/**
 * A Reply as the bytes of an HTTP/1.1 response, the way node:http writes it: the status line, the
 * reply's fields as `sentHeaders` gives them (with Content-Length), Date, and Connection
 * with Keep-Alive — or the reply's own Connection field, which then decides whether the connection
 * closes. Field names and values are checked as node:http checks them; a reply that fails the check
 * throws instead of writing a field that could split the response.
 */
import { STATUS_CODES } from 'node:http'
import { sentHeaders, type Reply } from '../http.js'
import { ownString } from '../own-string.js'

const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const VALUE = /^[\t\x20-\x7e\x80-\xff]*$/

export interface ResponseHead {
  /** Status line and fields, each line ending in CRLF; no Date, no blank line. */
  text: string
  /** The reply set its own Connection field. */
  connection: 'close' | 'open' | undefined
}

/** Remembered per frozen reply: a remembered 200 of /validate is written thousands of times a second. */
const heads = new WeakMap<Reply, ResponseHead>()

function responseHead(r: Reply): ResponseHead {
  const known = heads.get(r)
  if (known) return known
  let text = `HTTP/1.1 ${r.status} ${STATUS_CODES[r.status] ?? 'unknown'}\r\n`
  let connection: ResponseHead['connection']
  const field = (name: string, value: string) => {
    if (!NAME.test(name) || !VALUE.test(value)) throw new TypeError(`invalid response field ${JSON.stringify(name)}`)
    if (name.toLowerCase() === 'connection') connection = /(^|,)\s*close\s*(,|$)/i.test(value) ? 'close' : 'open'
    text += `${name}: ${value}\r\n`
  }
  const h = sentHeaders(r)
  if (Array.isArray(h)) for (let i = 0; i + 1 < h.length; i += 2) field(h[i]!, h[i + 1]!)
  else for (const [name, v] of Object.entries(h)) for (const one of Array.isArray(v) ? v : [v]) field(name, one)
  if (!Object.isFrozen(r)) return { text, connection }
  // kept: as one flat string, not the tree of a concatenation per field (a kept head was ~40 string objects)
  const head = { text: ownString(text), connection }
  heads.set(r, head)
  return head
}

/**
 * Frozen replies' whole responses for the current second (`date` changes once a second), per connection choice:
 * built once a second, not per request. A new second starts a new table, so the bytes of a reply not written
 * since are garbage then, not kept for as long as the reply (a cached caller's) is.
 */
let second = ''
let whole = new WeakMap<Reply, { open?: Buffer; close?: Buffer }>()

/**
 * The whole response, and whether the connection closes after it. `keepAlive`: what the request asked. A
 * frozen reply's comes back as bytes kept for the second (`date` changes once a second).
 */
export function response(r: Reply, keepAlive: boolean, date: string, keepAliveS: number): { data: string | Buffer; close: boolean } {
  const head = responseHead(r)
  const close = head.connection === undefined ? !keepAlive : head.connection === 'close' || !keepAlive
  if (!Object.isFrozen(r)) return { data: text(head, r, close, date, keepAliveS), close }
  if (date !== second) [second, whole] = [date, new WeakMap()]
  let kept = whole.get(r)
  if (kept === undefined) whole.set(r, (kept = {}))
  const which = close ? 'close' : 'open'
  return { data: (kept[which] ??= Buffer.from(text(head, r, close, date, keepAliveS))), close }
}

function text(head: ResponseHead, r: Reply, close: boolean, date: string, keepAliveS: number): string {
  const connection = head.connection !== undefined ? '' : close ? 'Connection: close\r\n' : `Connection: keep-alive\r\nKeep-Alive: timeout=${keepAliveS}\r\n`
  return `${head.text}Date: ${date}\r\n${connection}\r\n${r.body ?? ''}`
}
