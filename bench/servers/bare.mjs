// The baseline: a bare node:http server answering 200 (empty body, or a small JSON-RPC result with --body).
import { createServer } from 'node:http'
const port = Number(process.argv[2])
const body = process.argv.includes('--body') ? '{"jsonrpc":"2.0","id":1,"result":{"tools":[]}}' : ''
const headers = body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}
createServer((req, res) => {
  res.writeHead(200, headers)
  res.end(body)
}).listen(port, '127.0.0.1')
