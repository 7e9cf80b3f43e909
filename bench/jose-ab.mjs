// A/B on the real path, two builds side by side: nginx auth_request → /validate → upstream with a new token on
// every request (token cache off), interleaved rounds, then paired rounds (CPU time per request of each server).
//   node bench/jose-ab.mjs ROOT_A ROOT_B [rounds] [seconds]
// each ROOT a built checkout (docs/runtime.md: A with jws-rs256.ts, B with tokens.ts calling jose's jwtVerify).
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { mcp, startNginxFor } from './nginx.mjs'
import { MCP_HEADERS, scopesSpec, startRig, typicalScopes, USER_GROUPS } from './lib/rig.mjs'
import { loadSnapshot } from './lib/util.mjs'
import { interleaved, paired } from './lib/wrk.mjs'

const [rootA, rootB] = process.argv.slice(2, 4)
if (!rootA || !rootB) throw new Error('usage: node bench/jose-ab.mjs ROOT_A ROOT_B [rounds] [seconds]')
const rounds = Number(process.argv[4] ?? 7)
const seconds = Number(process.argv[5] ?? 3)
const log = (l) => process.stderr.write(l + '\n')
const rig = await startRig()
try {
  const spec = join(rig.dir, 'spec.yaml')
  writeFileSync(spec, scopesSpec(typicalScopes()))
  const upstream = await rig.bare({ body: true })
  const env = { REGCFG_TOKEN_CACHE_MAX: '0' }
  const a = await rig.auth({ spec, env, root: rootA })
  const b = await rig.auth({ spec, env, root: rootB })
  const na = await startNginxFor(rig, upstream, 'nginx-a', a.port)
  const nb = await startNginxFor(rig, upstream, 'nginx-b', b.port)
  const tokensFile = await rig.tokensFile(4000, USER_GROUPS)
  const headers = { 'X-Body': MCP_HEADERS['X-Body'] }
  for (const port of [na.withAuthPort, nb.withAuthPort]) {
    const r = await fetch(mcp(port), { headers: { ...headers, Authorization: `Bearer ${rig.token(USER_GROUPS)}` } })
    if (r.status !== 200) throw new Error(`probe ${port}: ${r.status}`)
  }
  const before = await loadSnapshot()
  const load = (n) => ({ url: mcp(n.withAuthPort), headers, tokensFile })
  const res = await interleaved([{ name: 'A', load: load(na) }, { name: 'B', load: load(nb) }], { rounds, seconds, warmupSeconds: 2, baseline: 'B', log })
  const p = await paired({ pid: b.pid, load: load(nb) }, [{ name: 'A', pid: a.pid, load: load(na) }], { rounds, seconds })
  const summary = (v) => ({ rps: v.rps, p99: v.p99, rpsRatio: v.rpsRatio, non2xx: v.non2xx, runs: v.runs.map((x) => Math.round(x.rps)) })
  console.log(JSON.stringify({ rootA, rootB, rounds, seconds, load: [before, await loadSnapshot()], interleaved: { A: summary(res.A), B: summary(res.B) }, paired: p.A }, null, 1))
} finally {
  await rig.stop()
}
