import { writeSync } from 'node:fs'

/**
 * A writer for stdout (1) or stderr (2) that does not create process.stdout / process.stderr: on a
 * pipe their first use loads Node's stream and net modules, about 5 ms of a short CLI run. The write
 * is synchronous, as those streams' writes to files, pipes and terminals are on Linux. Anything
 * unusual (a full non-blocking pipe, a reader that went away) hands the rest, and every later write,
 * to the stream, which then behaves exactly as it always did.
 */
export function stdWriter(fd: 1 | 2): (s: string) => void {
  let useStream = false
  return (s) => {
    let rest = Buffer.from(s)
    if (!useStream) {
      try {
        while (rest.length > 0) rest = rest.subarray(writeSync(fd, rest))
        return
      } catch {
        useStream = true
      }
    }
    ;(fd === 1 ? process.stdout : process.stderr).write(rest)
  }
}
