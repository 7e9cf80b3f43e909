import { flagForRun, userV8Flags, type FlagForRun } from './v8-flag.js'

/**
 * How far V8 lets the old generation grow past what survived the last full GC, while the auth-server runs.
 * By default V8 picks a factor between 1.1 and 4 from how fast its GC is against the program; under a
 * steady load with cheap collections it picks the top of that range, so a server with ~40 MB live lets
 * ~120 MB of garbage pile up before its next full GC, all of it resident. Measured with the memory load of
 * bench/validate.mjs (a new token per request, then one token, alternating):
 * - default: RSS rose from ~160 to ~260 MiB over the first 30 s, then stayed there;
 * - 1.5 (this): RSS stayed at 155-167 MiB over 60 s; the live heap is the same ~40 MB either way;
 * - the price: during token churn a full GC every few seconds instead of every ~30 s, ~1 µs more GC pause
 *   per new-token request (~180 µs each); the cached path allocates too little to notice.
 * A container held to a memory limit (an ECS task, a Kubernetes pod) wants the smaller, flat figure.
 *
 * Only memory and GC timing change, never behaviour. Left alone when the user chose a heap flag.
 */
export const SERVER_HEAP_GROWING_PERCENT = 50

const USER_HEAP = /--heap-growing-percent|--max-old-space-size|--max-semi-space-size|--predictable-gc-schedule/

/** `userFlags`, `set`: for tests. */
export function serverHeapGrowth(userFlags = userV8Flags(), set?: (flags: string) => void): FlagForRun {
  return flagForRun(`--heap-growing-percent=${SERVER_HEAP_GROWING_PERCENT}`, '--heap-growing-percent=0', USER_HEAP, userFlags, set)
}
