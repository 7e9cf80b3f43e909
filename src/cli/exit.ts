/** Exit codes of every regcfg command. */
export const enum ExitStatus {
  Ok = 0,
  /** Diagnostics with errors, lint findings at or above --fail-on, or drift. */
  Findings = 1,
  /** Usage or I/O error. */
  Usage = 2,
  /** A bug in regcfg. */
  Internal = 70,
}
