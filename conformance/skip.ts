/**
 * Scenario × surface pairs that do not run, each with its reason: `{ "<scenario>/<surface>": "reason" }`.
 * No entry without a reason (a test checks it). Scenarios that mean nothing for a provider say so
 * themselves (`providers:`) and show as n/a.
 */
export const SKIP: Readonly<Record<string, string>> = {}
