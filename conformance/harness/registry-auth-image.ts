/**
 * The registry's own auth-server from its published image, where a container engine answers (a user's
 * CI): testcontainers runs `public.ecr.aws/p3v1o3c6/auth-server:<version>` (the charts' global.image,
 * REGCFG_REGISTRY_AUTH_IMAGE overrides) with the same container environment the checkout path gets. The
 * container shares the host's network (Linux engines), so the mock IdP and MongoDB/FerretDB on
 * 127.0.0.1 are the same URLs for it as for the test, browser-facing or not; it listens on a free port
 * of its own (AUTH_LISTEN_PORT / BIND_HOST, read by the image's auth-entrypoint.sh); a file the
 * environment names by path (the test CA) is copied in at the same path. Without an engine (or with
 * REGCFG_ORACLE=checkout) the checkout path runs instead.
 */
import { PassThrough } from 'node:stream'
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

/** The image's container, started; the caller reads its output and waits for /health (registry-auth-server.ts). */
export interface ImageContainer {
  url: string
  /** The container's stdout and stderr. */
  output: NodeJS.ReadableStream
  stop(): Promise<void>
}

export async function startRegistryAuthImage(env: Readonly<Record<string, string>>, files: readonly string[] = []): Promise<ImageContainer> {
  const { GenericContainer } = await import('testcontainers')
  const port = await freePort()
  let output: NodeJS.ReadableStream | undefined
  const container = await new GenericContainer(REGISTRY_AUTH_IMAGE())
    .withNetworkMode('host')
    .withEnvironment({ ...env, BIND_HOST: '127.0.0.1', AUTH_LISTEN_PORT: String(port) })
    .withCopyFilesToContainer(files.map((f) => ({ source: f, target: f })))
    .withLogConsumer((stream) => void (output = stream))
    .start()
  return { url: `http://127.0.0.1:${port}`, output: output ?? new PassThrough(), stop: async () => void (await container.stop()) }
}
