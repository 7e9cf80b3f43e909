import type { ParamValue } from '../../src/compiler/types.js'

export type HelmAssignments = [path: string, value: unknown][]

/** A named encoding of one parameter onto several Helm values paths, and back. */
export interface HelmCodec {
  emit(value: ParamValue, paths: readonly string[]): HelmAssignments | { reason: string; hint: string }
  parse(get: (path: string) => unknown, paths: readonly string[]): ParamValue | undefined
}

/** registry.externalUrl ↔ global.domain (host[:port]) + global.ingress.tls (https). */
const ingressDomain: HelmCodec = {
  emit(value, [domainPath, tlsPath]) {
    const u = new URL(String(value))
    if (u.pathname !== '/') return { reason: 'the charts serve the registry at the root of global.domain', hint: 'Use an external URL without a path, e.g. https://registry.example.com.' }
    // the host as written (URL lower-cases it): a placeholder such as the stack's DOMAIN stays itself
    const host = /^[a-z]+:\/\/([^/?#]+)/i.exec(String(value))?.[1] ?? u.host
    return [[domainPath!, host], [tlsPath!, u.protocol === 'https:']]
  },
  parse(get, [domainPath, tlsPath]) {
    const domain = get(domainPath!)
    if (typeof domain !== 'string' || domain === '') return undefined
    return `${get(tlsPath!) === false ? 'http' : 'https'}://${domain}`
  },
}

export const HELM_CODECS: Record<string, HelmCodec> = { ingressDomain }
