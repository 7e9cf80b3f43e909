import { json } from '../http.js'
import type { Route } from './types.js'

export const health: Route = async () => json(200, { status: 'healthy', service: 'regcfg-auth-server' })

/** The enabled providers: exactly the configured one. */
export const providers: Route = async ({ ctx }) => json(200, { providers: [{ name: ctx.row.id, display_name: ctx.row.displayName }] })
