/**
 * Starts moto_server on a free loopback port for one test file, or says why it cannot and what to run
 * (the test file then fails with that: it never passes, or skips, without moto).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'

export const MOTO = resolve('.tools/moto-venv/bin/moto_server')
export const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' }

export interface Moto {
  endpoint: string
  client(region?: string, credentials?: typeof CREDENTIALS): CognitoIdentityProviderClient
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => ok(port))
    })
  })
}

/** `env` goes to moto_server (e.g. INITIAL_NO_AUTH_ACTION_COUNT). */
export async function startMoto(env: Record<string, string> = {}): Promise<Moto | string> {
  if (!existsSync(MOTO)) return `moto is not installed (${MOTO} missing): run bash tools/setup-test-services.sh (npm test runs it)`
  const port = await freePort()
  const endpoint = `http://127.0.0.1:${port}`
  const proc: ChildProcess = spawn(MOTO, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore', env: { ...process.env, ...env } })
  const exited = new Promise<string>((ok) => proc.once('exit', (code) => ok(`moto_server exited with code ${code} before answering`)))
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`${endpoint}/moto-api/`).then(() => true, () => false)
    if (up) return moto(endpoint, proc)
    const dead = await Promise.race([exited, new Promise<undefined>((ok) => setTimeout(ok, 150))])
    if (dead) return dead
  }
  proc.kill()
  return `moto_server did not answer on ${endpoint} within 15 s`
}

function moto(endpoint: string, proc: ChildProcess): Moto {
  return {
    endpoint,
    client: (region = 'eu-west-1', credentials = CREDENTIALS) => new CognitoIdentityProviderClient({ endpoint, region, credentials }),
    stop: () =>
      new Promise((ok) => {
        if (proc.exitCode !== null) return ok()
        proc.once('exit', () => ok())
        proc.kill()
      }),
  }
}
