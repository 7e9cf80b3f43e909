// Serves a JWKS (argv[3], JSON) at /<pool>/.well-known/jwks.json: the IdP the auth-server fetches keys from.
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'
const [port, pool, file] = process.argv.slice(2)
const jwks = readFileSync(file, 'utf8')
createServer((req, res) => {
  if (req.url === `/${pool}/.well-known/jwks.json`) return res.writeHead(200, { 'content-type': 'application/json' }).end(jwks)
  res.writeHead(404).end()
}).listen(Number(port), '127.0.0.1')
