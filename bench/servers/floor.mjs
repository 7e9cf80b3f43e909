// The floor of a Node auth-server: raw node:net, no HTTP parser, the same fixed 200 as `bare.mjs
// --identity-headers` written once per request head. Good enough for nginx's keepalive subrequests (GET,
// no body); it answers every request head it sees, so nothing more than a measuring stick.
import { createServer } from 'node:net'
import { IDENTITY } from './identity-headers.mjs'

const port = Number(process.argv[2])
let head = 'HTTP/1.1 200 OK\r\n'
for (let i = 0; i < IDENTITY.length; i += 2) head += `${IDENTITY[i]}: ${IDENTITY[i + 1]}\r\n`
const reply = Buffer.from(head + '\r\n', 'latin1')
const END = Buffer.from('\r\n\r\n')

createServer((socket) => {
  socket.setNoDelay(true)
  let tail = Buffer.alloc(0) // the last bytes of the previous chunk: a head's end can straddle two reads
  socket.on('data', (chunk) => {
    const data = tail.length ? Buffer.concat([tail, chunk]) : chunk
    let heads = 0
    for (let i = data.indexOf(END); i !== -1; i = data.indexOf(END, i + 4)) heads++
    const last = data.lastIndexOf(END)
    tail = data.subarray(Math.max(last === -1 ? 0 : last + 4, data.length - 3))
    for (let k = 0; k < heads; k++) socket.write(reply)
  })
  socket.on('error', () => socket.destroy())
}).listen(port, '127.0.0.1')
