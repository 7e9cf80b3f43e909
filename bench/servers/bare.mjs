// The baseline: a bare node:http server answering 200 (empty body, or a small JSON-RPC result with --body).
import { createServer } from 'node:http'
const port = Number(process.argv[2])
const body = process.argv.includes('--body') ? '{"jsonrpc":"2.0","id":1,"result":{"tools":[]}}' : ''
// --identity-headers: the 200 /validate sends (eight X- identity headers, cache-control, content-length),
// to tell the cost of writing them from the cost of deciding them
const IDENTITY = ['x-user', 'bench-user', 'x-username', 'bench-user', 'x-client-id', 'bench-web-client', 'x-scopes', 'time-readers fin-list team-1', 'x-groups', 'bench-users mcp-team-1', 'x-auth-method', 'cognito', 'x-server-name', 'currenttime', 'x-tool-name', 'current_time_by_timezone', 'cache-control', 'no-store', 'content-length', '0']
const headers = process.argv.includes('--identity-headers') ? IDENTITY : body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}
createServer((req, res) => {
  res.writeHead(200, headers)
  res.end(body)
}).listen(port, '127.0.0.1')
