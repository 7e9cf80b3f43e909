// A CPU profile of the auth-server answering cached /validate under wrk (node --cpu-prof), and the paired
// ratio to a bare node:http server sending the same identity headers. For finding where a request's time goes.
//   node bench/profile-validate.mjs OUT_DIR [seconds]
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MCP_HEADERS, scopesSpec, startRig, typicalScopes, USER_GROUPS } from './lib/rig.mjs'
import { paired, wrk } from './lib/wrk.mjs'
import { stop } from './lib/util.mjs'

const out = process.argv[2]
const seconds = Number(process.argv[3] ?? 10)
if (!out) throw new Error('usage: node bench/profile-validate.mjs OUT_DIR [seconds]')
const rig = await startRig()
try {
  const spec = join(rig.dir, 'spec.yaml')
  writeFileSync(spec, scopesSpec(typicalScopes()))
  const hit = { Authorization: `Bearer ${rig.token(USER_GROUPS)}`, ...MCP_HEADERS }
  const bare = await rig.bare({ identityHeaders: true })
  const auth = await rig.auth({ spec })
  const at = (s) => ({ pid: s.pid, load: { url: `${s.url}/validate`, headers: hit } })
  const p = await paired(at(bare), [{ name: 'validate', ...at(auth) }], { rounds: 5, seconds: 3 })
  console.log(JSON.stringify({ paired: p.validate }))
  const prof = await rig.auth({ spec, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${out}`] })
  await wrk({ url: `${prof.url}/validate`, headers: hit, seconds: 2 })
  const w = await wrk({ url: `${prof.url}/validate`, headers: hit, seconds })
  console.log(JSON.stringify({ profiled: { rps: w.rps, requests: w.requests } }))
  await stop(prof.child)
} finally {
  await rig.stop()
}
