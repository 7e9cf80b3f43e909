import type { IncomingMessage } from 'node:http'
import type { AppContext } from '../context.js'
import type { Reply } from '../http.js'

export interface RouteInput {
  req: IncomingMessage
  url: URL
  ctx: AppContext
  /** The {provider} path segment, for /oauth2/{login,callback,logout}/{provider}. */
  provider?: string
}

export type Route = (input: RouteInput) => Promise<Reply>
