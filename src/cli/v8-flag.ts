import { setFlagsFromString } from 'node:v8'

/** A V8 flag set for part of a run; `end()` sets it back. */
export interface FlagForRun {
  end(): void
}

/** Nothing set, nothing to set back. */
export const UNCHANGED: FlagForRun = { end() {} }

/** Node's arguments and NODE_OPTIONS: where a user sets V8 flags of their own. */
export const userV8Flags = (): string => `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`

/**
 * Sets `on` now and `off` at end(), unless the user's own flags match `userChose` (theirs win). `off` must
 * be V8's default: a flag left changed changes V8's flags hash, and the code cache written at exit would
 * then be rejected by every later run (test/cli/code-cache.test.ts checks each command that sets one).
 */
export function flagForRun(on: string, off: string, userChose: RegExp, userFlags: string, set: (flags: string) => void = setFlagsFromString): FlagForRun {
  if (userChose.test(userFlags)) return UNCHANGED
  set(on)
  return { end: () => set(off) }
}
