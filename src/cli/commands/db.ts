import { analyze, hasErrors } from '../../compiler/index.js'
import { docFromSpec, loadStorageConfig, mongoScopes, specScopes } from '../../runtime/index.js'
import { ExitStatus } from '../exit.js'
import { type Host } from '../host.js'
import { report, type Flags } from './_shared.js'
import { ConfigError, UserError } from '../../errors.js'

export const dbHelp = `regcfg db seed SPEC
  Creates the scope indexes and upserts the bootstrap registry-admins document (exactly as upstream)
  plus every mapping of the spec's scopes: section into mcp_scopes_<DOCUMENTDB_NAMESPACE>.
  Storage comes from the environment (MONGODB_CONNECTION_STRING or DOCUMENTDB_*). Idempotent.`

export async function runDb(host: Host, [sub, spec]: string[], flags: Flags): Promise<ExitStatus> {
  if (sub !== 'seed') throw new UserError(`unknown db subcommand "${sub}" (known: seed)`)
  const text = host.readText(spec!)
  const a = analyze(spec!, text)
  if (hasErrors(a.diagnostics)) return (report(host, a.diagnostics, flags, new Map([[spec!, text]])), ExitStatus.Findings)
  let storage
  try {
    storage = loadStorageConfig(process.env)
  } catch (e) {
    if (e instanceof ConfigError) return (host.stderr(`regcfg db seed: ${e.message}\n`), ExitStatus.Usage)
    throw e
  }
  if (!storage) throw new UserError('no storage configured: set MONGODB_CONNECTION_STRING, or STORAGE_BACKEND and DOCUMENTDB_HOST')
  const store = mongoScopes(storage, 10_000)
  try {
    const docs = specScopes(a.resolved!.spec).map(docFromSpec)
    const r = await store.seed(docs)
    host.stderr(`regcfg db seed: ${docs.length + 1} scope document(s) in ${storage.database}.${store.collectionName} (${r.upserted} new, ${r.modified} changed)\n`)
    return ExitStatus.Ok
  } catch (e) {
    host.stderr(`regcfg db seed: storage error: ${(e as Error).name}: ${(e as Error).message.replace(/\/\/[^@/]*@/g, '//***@')}\n`)
    return ExitStatus.Usage
  } finally {
    await store.close()
  }
}
