/**
 * The order of paths, rules and subjects in reports: exactly String.prototype.localeCompare with the
 * default locale (which builds this same collator on every call), from one collator per run.
 */
export const byText: (a: string, b: string) => number = new Intl.Collator().compare
