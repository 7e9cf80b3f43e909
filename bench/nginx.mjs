// The real path: nginx auth_request → /validate → an upstream, against nginx proxying the same upstream
// without auth. One nginx (1 worker) of our own, loopback ports, keepalive to both backends.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { MCP_HEADERS, scopesSpec, startRig, typicalScopes, USER_GROUPS } from './lib/rig.mjs'
import { cpuSeconds, interleaved, wrk } from './lib/wrk.mjs'
import { freePort, median, SERVER_CPU, spawnPinned, waitHttp } from './lib/util.mjs'

export const mcp = (port) => `http://127.0.0.1:${port}/currenttime/mcp`

/** An nginx (one worker, pinned with the servers) in front of `authPort` and the rig's upstream: its two ports and its worker's pid. */
export async function startNginxFor(rig, upstream, name, authPort) {
  const prefix = join(rig.dir, name)
  mkdirSync(join(prefix, 'tmp'), { recursive: true })
  const [withAuthPort, noAuthPort] = [await freePort(), await freePort()]
  const conf = join(prefix, 'nginx.conf')
  writeFileSync(conf, nginxConf({ prefix, authPort, upstreamPort: upstream.port, withAuthPort, noAuthPort }))
  const nginx = spawnPinned(SERVER_CPU, 'nginx', ['-p', prefix, '-c', conf, '-e', join(prefix, 'error.log')])
  rig.track(nginx)
  await waitHttp(mcp(noAuthPort), nginx)
  return { withAuthPort, noAuthPort, worker: Number(execFileSync('pgrep', ['-P', String(nginx.pid)], { encoding: 'utf8' }).trim().split('\n')[0]) }
}

export function nginxConf({ prefix, authPort, upstreamPort, withAuthPort, noAuthPort }) {
  const proxy = `proxy_http_version 1.1;
      proxy_set_header Connection "";`
  return `worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  upstream auth_server { server 127.0.0.1:${authPort}; keepalive 64; }
  upstream mcp_server { server 127.0.0.1:${upstreamPort}; keepalive 64; }
  server {
    listen 127.0.0.1:${withAuthPort};
    location /currenttime/ {
      auth_request /validate;
      auth_request_set $auth_user $upstream_http_x_user;
      auth_request_set $auth_scopes $upstream_http_x_scopes;
      proxy_set_header X-User $auth_user;
      proxy_set_header X-Scopes $auth_scopes;
      proxy_pass http://mcp_server;
      ${proxy}
    }
    location = /validate {
      internal;
      proxy_pass http://auth_server/validate;
      ${proxy}
      proxy_method GET;
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header X-Original-URL $scheme://$host$request_uri;
    }
  }
  server {
    listen 127.0.0.1:${noAuthPort};
    location /currenttime/ {
      proxy_pass http://mcp_server;
      ${proxy}
    }
  }
}
`
}

export async function benchNginx(cfg, log) {
  const rig = await startRig()
  try {
    const spec = join(rig.dir, 'spec.yaml')
    writeFileSync(spec, scopesSpec(typicalScopes()))
    const auth = await rig.auth({ spec })
    const upstream = await rig.bare({ body: true })
    // one nginx per auth backend: the auth-server as shipped, and two that decide nothing but answer /validate's
    // 200 — bare node:http, and raw node:net (servers/floor.mjs), the least any Node auth-server can cost on this path
    const startNginx = (name, authPort) => startNginxFor(rig, upstream, name, authPort)
    const { withAuthPort, noAuthPort, worker } = await startNginx('nginx', auth.port)
    const bare = await startNginx('nginx-bare', (await rig.bare({ identityHeaders: true })).port)
    const floor = await startNginx('nginx-floor', (await rig.floor()).port)
    // nginx cannot read the body in auth_request without njs/lua; the client sends X-Body (what the
    // registry's nginx captures) and nginx passes the client's headers to the subrequest.
    const headers = { Authorization: `Bearer ${rig.token(USER_GROUPS)}`, 'X-Body': MCP_HEADERS['X-Body'] }
    const load = (port) => ({ url: mcp(port), headers })
    const probe = await fetch(mcp(withAuthPort), { headers })
    const denied = await fetch(mcp(withAuthPort), { headers: { 'X-Body': MCP_HEADERS['X-Body'] } })
    if (probe.status !== 200 || denied.status !== 401) throw new Error(`nginx auth path: expected 200 with a token and 401 without, got ${probe.status} / ${denied.status}`)
    log('nginx auth_request → /validate → upstream vs nginx → upstream')
    const res = await interleaved([
      { name: 'nginx → upstream', load: load(noAuthPort) },
      { name: 'nginx auth_request → /validate → upstream', load: load(withAuthPort) },
      { name: 'nginx auth_request → bare node:http 200 → upstream', load: load(bare.withAuthPort) },
      { name: 'nginx auth_request → raw node:net 200 → upstream', load: load(floor.withAuthPort) },
    ], { rounds: cfg.rounds, seconds: cfg.seconds, warmupSeconds: cfg.warmup, baseline: 'nginx → upstream', log })
    log('nginx path: CPU time per request of each process')
    const cost = await cpuPerRequest({ nginx: worker, 'auth-server': auth.pid, upstream: upstream.pid }, [
      ['nginx → upstream', load(noAuthPort)],
      ['nginx auth_request → /validate → upstream', load(withAuthPort)],
    ], { rounds: Math.max(2, Math.round(cfg.rounds / 3)), seconds: cfg.seconds })
    return { res, cost, conf: nginxConf({ prefix: '<prefix>', authPort: 'AUTH', upstreamPort: 'UPSTREAM', withAuthPort: 'A', noAuthPort: 'B' }) }
  } finally {
    await rig.stop()
  }
}

/**
 * Where the path's CPU goes: each process's CPU time per request (from /proc) under each load, medians over
 * rounds. Every process shares one CPU, so a path's requests/s is about 1 / the sum of its column.
 */
async function cpuPerRequest(pids, loads, { rounds, seconds }) {
  const runs = Object.fromEntries(loads.map(([name]) => [name, Object.fromEntries(Object.keys(pids).map((p) => [p, []]))]))
  for (let r = 0; r < rounds; r++) {
    for (const [name, load] of loads) {
      const before = Object.fromEntries(Object.entries(pids).map(([p, pid]) => [p, cpuSeconds(pid)]))
      const w = await wrk({ ...load, seconds })
      for (const [p, pid] of Object.entries(pids)) runs[name][p].push(((cpuSeconds(pid) - before[p]) / w.requests) * 1e6)
    }
  }
  return Object.fromEntries(Object.entries(runs).map(([name, byProc]) => [name, Object.fromEntries(Object.entries(byProc).map(([p, us]) => [p, median(us)]))]))
}
