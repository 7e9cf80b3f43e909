import { parentPort, workerData } from 'node:worker_threads'
import { signMany } from './tokens.mjs'
const { pem, from, count, groups, issuer, clientId, now } = workerData
parentPort.postMessage(signMany(pem, count, (i) => ({ sub: `bench-user-${from + i}`, username: `bench-user-${from + i}`, 'cognito:groups': groups, token_use: 'access', client_id: clientId, scope: 'openid', iss: issuer, iat: now, exp: now + 7200, jti: `bench-${from + i}` })))
