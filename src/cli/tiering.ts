import { flagForRun, UNCHANGED, userV8Flags, type FlagForRun } from './v8-flag.js'

/**
 * V8's top tier for a run that will be short. TurboFan, V8's optimizing compiler, pays for itself only in
 * a long run: it compiles on a background thread that, on a busy or pinned CPU, takes the same core as
 * the work, and the code it makes has little left to run. Measured with `regcfg lint` on one CPU
 * (bench/lint.mjs's tree): without TurboFan, 1,000 files took ~25 % less time and 2,000 files ~20 %
 * less; 4,000 took ~20 % more and 10,000 ~40 % more. Raising the cap midway did not win the long runs
 * back, so the choice is made once, from the amount of work, before it starts: up to SHORT_RUN_FILES
 * the top tier is Sparkplug (the baseline compiler): `--no-opt`.
 *
 * Only speed changes, never behaviour: every tier runs the same code. (Node warns that flags set after
 * start may do nothing or worse; `--opt` is read at each tier-up decision, and once set back V8's flags
 * hash as before, so the code cache written at exit is still accepted: test/cli/code-cache.test.ts checks
 * that.) Left alone when the user chose V8 tiering flags themselves (NODE_OPTIONS or node's arguments).
 */
export type Tiering = FlagForRun

export const SHORT_RUN_FILES = 2_500
const USER_TIERING = /--(?:no-)?(?:opt|turbofan|maglev|sparkplug)\b|--max-opt|--jitless/

/** `userFlags`, `set`: for tests. */
export function shortRunTiering(files: number, userFlags = userV8Flags(), set?: (flags: string) => void): Tiering {
  // --no-opt and back, not --max-opt: a lowered --max-opt also turns TurboFan off by implication and raising it
  // does not turn it back on, which left V8's flag hash changed and every later code cache rejected
  return files > SHORT_RUN_FILES ? UNCHANGED : flagForRun('--no-opt', '--opt', USER_TIERING, userFlags, set)
}
