/**
 * A connection the lane started reading, handed to node:http: a Duplex over the TCP socket that first
 * yields the bytes already read (the request the lane declined, and anything after it) and then the
 * socket's own data. node:http takes any Duplex as a connection (`server.emit('connection', duplex)`);
 * what it asks of a net.Socket besides (timeouts, no-delay, addresses) is passed through.
 */
import { Duplex } from 'node:stream'
import type { Socket } from 'node:net'

export class SocketBridge extends Duplex {
  constructor(
    private readonly socket: Socket,
    first: Buffer,
    /** The client's FIN came before the hand-over. */
    ended: boolean,
  ) {
    super({ allowHalfOpen: true })
    if (first.length > 0) this.push(first)
    if (ended) this.push(null)
    socket.on('data', (d: Buffer) => {
      if (!this.push(d)) socket.pause()
    })
    socket.on('end', () => this.push(null))
    socket.on('timeout', () => this.emit('timeout'))
    socket.on('close', () => this.destroy())
    socket.resume()
  }

  override _read(): void {
    this.socket.resume()
  }

  override _write(chunk: Buffer | string, encoding: BufferEncoding, done: (e?: Error | null) => void): void {
    if (this.socket.destroyed) return done(new Error('connection closed'))
    this.socket.write(chunk, encoding, done)
  }

  override _final(done: (e?: Error | null) => void): void {
    this.socket.end(() => done())
  }

  override _destroy(e: Error | null, done: (e: Error | null) => void): void {
    this.socket.destroy()
    done(e)
  }

  setTimeout(ms: number, onTimeout?: () => void): this {
    this.socket.setTimeout(ms)
    if (onTimeout) this.once('timeout', onTimeout)
    return this
  }

  setNoDelay(noDelay?: boolean): this {
    this.socket.setNoDelay(noDelay)
    return this
  }

  setKeepAlive(enable?: boolean, delayMs?: number): this {
    this.socket.setKeepAlive(enable, delayMs)
    return this
  }

  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress
  }

  get remotePort(): number | undefined {
    return this.socket.remotePort
  }

  get remoteFamily(): string | undefined {
    return this.socket.remoteFamily
  }

  get localAddress(): string | undefined {
    return this.socket.localAddress
  }

  get localPort(): number | undefined {
    return this.socket.localPort
  }
}
