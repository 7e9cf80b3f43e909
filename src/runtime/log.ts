/**
 * Structured logs: one JSON line per event. Callers pass only the fields below; there is no field
 * for headers, cookies, query strings or tokens, so they cannot be logged by accident.
 */
export interface LogFields {
  event: string
  method?: string
  path?: string
  status?: number
  ms?: number
  code?: string
  provider?: string
  user?: string
  authMethod?: string
  server?: string
  detail?: string
}

export type LogSink = (line: string) => void

/** Who a request was for, as a route reports it (see Reply.log). */
export interface RequestFields {
  user?: string
  authMethod?: string
  server?: string
  code?: string
}

export interface Logger {
  info(f: LogFields): void
  warn(f: LogFields): void
  error(f: LogFields): void
  /** The line of one answered request: `info` with event "request", written without building the object. */
  request(method: string | undefined, path: string, status: number, ms: number, provider: string, f?: RequestFields): void
}

/**
 * The default sink: lines gathered during one turn of the event loop go to stderr in one write (under load
 * that is one system call for many requests instead of one each), flushed before the process exits.
 */
export function batchedStderr(write: (chunk: string) => void = (c) => void process.stderr.write(c)): LogSink {
  let pending: string[] = []
  const flush = () => {
    if (pending.length === 0) return
    const chunk = pending.join('\n') + '\n'
    pending = []
    write(chunk)
  }
  process.once('exit', flush)
  return (line) => {
    if (pending.push(line) === 1) setImmediate(flush)
  }
}

/** The ISO time, formatted once per millisecond (the hot path logs thousands of lines a second). */
function clock(): () => string {
  let last = 0
  let stamp = ''
  return () => {
    const t = Date.now()
    if (t !== last) [last, stamp] = [t, new Date(t).toISOString()]
    return stamp
  }
}

export function createLogger(sink: LogSink = batchedStderr()): Logger {
  const now = clock()
  // {"time":…,"level":…, then the caller's fields: the same line as JSON.stringify({ time, level, ...f }), without the copy
  const write = (level: string) => (f: LogFields) => {
    const fields = JSON.stringify(f)
    sink(`{"time":"${now()}","level":"${level}"${fields.length > 2 ? ',' + fields.slice(1) : '}'}`)
  }
  const quote = JSON.stringify
  return {
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    request(method, path, status, ms, p, f) {
      sink(`{"time":"${now()}","level":"info","event":"request","method":${quote(method ?? '')},"path":${quote(path)},"status":${status},"ms":${Math.round(ms)},"provider":${quote(p)}${f ? fieldsOf(f) : ''}}`)
    },
  }
}

/** The request fields as JSON members (",\"user\":…"); once per object when it is frozen (a remembered reply's). */
const fragments = new WeakMap<RequestFields, string>()
function fieldsOf(f: RequestFields): string {
  let s = fragments.get(f)
  if (s !== undefined) return s
  s = ''
  if (f.user !== undefined) s += `,"user":${JSON.stringify(f.user)}`
  if (f.authMethod !== undefined) s += `,"authMethod":${JSON.stringify(f.authMethod)}`
  if (f.server !== undefined) s += `,"server":${JSON.stringify(f.server)}`
  if (f.code !== undefined) s += `,"code":${JSON.stringify(f.code)}`
  if (Object.isFrozen(f)) fragments.set(f, s)
  return s
}

/** Only the path of a URL: query strings carry codes and states. */
export function pathOnly(url: string | undefined): string {
  const u = url ?? '/'
  const q = u.indexOf('?')
  return (q === -1 ? u : u.slice(0, q)).slice(0, 200)
}
