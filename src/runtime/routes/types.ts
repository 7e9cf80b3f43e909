import type { AppContext } from '../context.js'
import type { Reply, RequestHead } from '../http.js'

export interface RouteInput {
  req: RequestHead
  url: URL
  ctx: AppContext
  /** The {provider} path segment, for /oauth2/{login,callback,logout}/{provider}. */
  provider?: string
}

export type Route = (input: RouteInput) => Promise<Reply>
