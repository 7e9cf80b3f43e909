/**
 * The lane: a TCP connection read directly while it carries strict `GET /validate` requests — nginx's
 * auth_request subrequests, one per MCP request — and handed to node:http at the first request that is
 * anything else (validate-head.ts says which). node:http builds two streams, an IncomingMessage and a
 * ServerResponse, for every request; for a subrequest with no body whose answer the caches already
 * know, that machinery is most of the cost of the answer. Once handed over a connection stays with
 * node:http, which answers exactly as without the lane (the conformance and runtime suites run through
 * both).
 *
 * Per connection: answers are written in request order (an answer that needs I/O holds back the ones
 * after it); reading pauses while too many answers wait or too many bytes are unsent; a request that
 * asks to close (or an answer that does, a 401) is the last one read. Idle connections are closed by the
 * caller's sweep over `idleMs` (node:http's keep-alive timeout), not by a timer per socket: a socket
 * timer is re-armed on every read and write, a cost paid on every request.
 */
import type { Server as HttpServer } from 'node:http'
import type { Socket } from 'node:net'
import type { Reply } from '../http.js'
import { SocketBridge } from './bridge.js'
import { response } from './response.js'
import { MAX_HEAD, readValidateHead, type ValidateHead } from './validate-head.js'

export interface LaneOptions {
  /** The answer to one request: in the same turn when the caches know it, else a promise. Never throws. */
  answer(head: ValidateHead): Reply | Promise<Reply>
  /** After an answer is written (the request log). `t0`: performance.now() when the request was read. */
  written(head: ValidateHead, r: Reply, t0: number): void
  /** The server that takes the connections the lane declines (never listening itself). */
  http: HttpServer
  /** Sent in Keep-Alive: timeout=…, and what the caller's sweep closes idle connections after. */
  keepAliveMs: number
  /** Longest a head may take to arrive complete (node:http's headersTimeout), however slowly it trickles. */
  headersTimeoutMs: number
}

export interface LaneConnection {
  /**
   * How long the connection has been idle (nothing read, no answer due); 0 while busy, -1 once node:http has
   * it, Infinity once a head has been arriving for longer than the headers timeout (a slow-loris client).
   */
  idleMs(now: number): number
}

const MAX_WAITING = 32
const MAX_UNSENT = 64 * 1024
/** What goes out when an answer cannot be written as a response (a field that fails node:http's check). */
const INTERNAL = { data: 'HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\nConnection: close\r\n\r\n', close: true }

const FAILED: Reply = Object.freeze({ status: 500, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' }, body: '{"error":"INTERNAL","message":"internal error"}' })

interface Waiting {
  head: ValidateHead
  t0: number
  reply?: Reply
}

let dateSecond = 0
let dateText = ''
/** The Date field, formatted once a second (node:http does the same). */
function httpDate(): string {
  const s = Math.floor(Date.now() / 1000)
  if (s !== dateSecond) [dateSecond, dateText] = [s, new Date(s * 1000).toUTCString()]
  return dateText
}

export function serveConnection(socket: Socket, o: LaneOptions): LaneConnection {
  const keepAliveS = Math.round(o.keepAliveMs / 1000)
  let unread = ''
  let tail = '' // the last 3 characters of `unread`
  const waiting: Waiting[] = []
  let last = false // the last request has been read (close asked or answered)
  let ended = false // the client sent FIN
  let paused = false
  let declined: Buffer | undefined
  let handedOver = false
  let active = Date.now()
  let headSince = 0 // when the unread bytes of an incomplete head began to arrive

  const send = (head: ValidateHead, r: Reply, t0: number) => {
    if (!socket.writableEnded && !socket.destroyed) {
      let out: { data: string | Buffer; close: boolean }
      try {
        out = response(r, head.keepAlive, httpDate(), keepAliveS)
      } catch {
        out = INTERNAL
      }
      socket.write(out.data)
      if (out.close) {
        last = true
        socket.end()
      }
    }
    o.written(head, r, t0)
  }

  const relieve = () => {
    if (paused && waiting.length < MAX_WAITING && socket.writableLength <= MAX_UNSENT) {
      paused = false
      socket.resume()
    }
  }

  const flush = () => {
    while (waiting.length > 0 && waiting[0]!.reply) {
      const w = waiting.shift()!
      send(w.head, w.reply!, w.t0)
    }
    if (waiting.length > 0) return
    active = Date.now()
    if (declined) return toNodeHttp()
    if (ended && !socket.writableEnded) socket.end()
    relieve()
  }

  const take = (head: ValidateHead) => {
    const t0 = performance.now()
    if (!head.keepAlive) last = true
    const r = o.answer(head)
    if (!(r instanceof Promise)) {
      if (waiting.length === 0) send(head, r, t0)
      else waiting.push({ head, t0, reply: r })
      return
    }
    const w: Waiting = { head, t0 }
    waiting.push(w)
    void r.then(
      (reply) => ((w.reply = reply), flush()),
      () => ((w.reply = FAILED), flush()), // `answer` never rejects; were it to, this request is denied, not dropped
    )
  }

  const onData = (chunk: Buffer) => {
    active = Date.now()
    const text = chunk.toString('latin1')
    if (unread !== '') {
      // more of an incomplete head: read it again only once its blank line can be there (ending in this chunk)
      // or it has grown past what the lane takes — not per chunk, which a head sent a byte at a time makes quadratic
      const seam = tail + text
      unread += text
      tail = seam.slice(-3)
      if (seam.indexOf('\r\n\r\n') === -1 && unread.length <= MAX_HEAD) return
    } else unread = text
    let at = 0
    while (!last) {
      const r = readValidateHead(unread, at)
      if (r.kind === 'partial') break
      if (r.kind === 'decline') {
        declined = Buffer.from(unread.slice(at), 'latin1')
        unread = ''
        return decline()
      }
      at = r.end
      take(r.head)
    }
    unread = last ? '' : unread.slice(at)
    tail = unread.slice(-3)
    // a head left incomplete: its clock starts with its first bytes (this chunk's, when heads came before them)
    headSince = unread === '' ? 0 : at > 0 || headSince === 0 ? active : headSince
    if (last) socket.removeListener('data', onData)
    if (waiting.length >= MAX_WAITING || socket.writableLength > MAX_UNSENT) {
      paused = true
      socket.pause()
    }
  }

  const onEnd = () => {
    ended = true
    if (waiting.length === 0) socket.end()
  }

  // the lane lets go of the socket; node:http takes it once the answers already due are written
  const decline = () => {
    socket.removeListener('data', onData)
    socket.removeListener('end', onEnd)
    socket.removeListener('drain', relieve)
    socket.pause()
    if (waiting.length === 0) toNodeHttp()
  }

  const toNodeHttp = () => {
    const bridge = new SocketBridge(socket, declined!, ended)
    declined = undefined
    handedOver = true
    o.http.emit('connection', bridge)
  }

  socket.setNoDelay(true)
  socket.on('data', onData)
  socket.on('end', onEnd)
  socket.on('drain', relieve)
  socket.on('error', () => socket.destroy())
  return {
    idleMs: (now) => (handedOver ? -1 : headSince !== 0 && now - headSince > o.headersTimeoutMs ? Infinity : waiting.length > 0 || declined ? 0 : now - active),
  }
}
