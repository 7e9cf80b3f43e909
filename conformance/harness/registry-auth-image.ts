/**
 * The registry's own auth-server from its published image, where a container engine answers (a user's
 * CI): testcontainers runs `public.ecr.aws/p3v1o3c6/auth-server:<version>` (the charts' global.image,
 * REGCFG_REGISTRY_AUTH_IMAGE overrides) with the same container environment the checkout path gets. The
 * container shares the host's network (Linux engines), so the mock IdP and MongoDB/FerretDB on
 * 127.0.0.1 are the same URLs for it as for the test, browser-facing or not; it listens on a free port
 * of its own (AUTH_LISTEN_PORT / BIND_HOST, read by the image's auth-entrypoint.sh). Without an engine,
 * or with a wrapped launch (a network namespace), the checkout path runs instead.
 */
import type { RegistryAuthServer } from './registry-auth-server.js'
import { freePort } from './net.js'

export const REGISTRY_AUTH_IMAGE = (): string => process.env.REGCFG_REGISTRY_AUTH_IMAGE ?? 'public.ecr.aws/p3v1o3c6/auth-server:1.29.0'

/** Whether testcontainers finds a container engine (cached: asked once per process). */
let engine: Promise<boolean> | undefined
export function containerEngineAnswers(): Promise<boolean> {
  engine ??= (async () => {
    if (process.env.REGCFG_ORACLE === 'checkout') return false
    try {
      const { getContainerRuntimeClient } = await import('testcontainers')
      await getContainerRuntimeClient()
      return true
    } catch {
      return false
    }
  })()
  return engine
}

export interface ImageOptions {
  env: Readonly<Record<string, string>>
  extraEnv?: Readonly<Record<string, string>>
  readyTimeoutMs?: number
  /** Masks secrets; every output line goes here. */
  onLine: (line: string) => void
}

export async function startRegistryAuthImage(o: ImageOptions): Promise<RegistryAuthServer> {
  const { GenericContainer } = await import('testcontainers')
  const port = await freePort()
  const env = { ...o.env, ...o.extraEnv, OTEL_SDK_DISABLED: 'true', BIND_HOST: '127.0.0.1', AUTH_LISTEN_PORT: String(port) }
  const lines: string[] = []
  const container = await new GenericContainer(REGISTRY_AUTH_IMAGE())
    .withNetworkMode('host')
    .withEnvironment(env)
    .withLogConsumer((stream) => stream.on('data', (d: Buffer | string) => String(d).split('\n').filter(Boolean).forEach((l) => (lines.push(l), o.onLine(l)))))
    .start()
  const url = `http://127.0.0.1:${port}`
  const until = Date.now() + (o.readyTimeoutMs ?? 120_000)
  for (;;) {
    try {
      if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })).ok) break
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) {
      await container.stop()
      throw new Error(`the image ${REGISTRY_AUTH_IMAGE()} did not answer /health on ${url}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  let stopped = false
  return {
    url,
    pid: -1,
    tail: () => lines.slice(-40).join('\n'),
    stop: async () => {
      if (stopped) return
      stopped = true
      await container.stop()
    },
  }
}
