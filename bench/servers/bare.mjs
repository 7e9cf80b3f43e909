// The baseline: a bare node:http server answering 200 (empty body, or a small JSON-RPC result with --body).
import { createServer } from 'node:http'
import { IDENTITY } from './identity-headers.mjs'
const port = Number(process.argv[2])
const body = process.argv.includes('--body') ? '{"jsonrpc":"2.0","id":1,"result":{"tools":[]}}' : ''
// --identity-headers: the 200 /validate sends, to tell the cost of writing it from the cost of deciding it
const headers = process.argv.includes('--identity-headers') ? IDENTITY : body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}
createServer((req, res) => {
  res.writeHead(200, headers)
  res.end(body)
}).listen(port, '127.0.0.1')
