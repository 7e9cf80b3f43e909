/**
 * HCL native-syntax literals for .tfvars. HCL normalizes string literals to Unicode NFC, so a
 * value that is not in NFC reaches Terraform normalized. Strings are templates in HCL, so `${` and `%{` are
 * escaped as `$${` and `%%{` (a tfvars file allows no interpolation at all).
 */
export function encodeHclString(value: string): string {
  let out = '"'
  for (const ch of value) out += escapeChar(ch)
  out = out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')
  return out + '"'
}

function escapeChar(ch: string): string {
  switch (ch) {
    case '\\': return '\\\\'
    case '"': return '\\"'
    case '\n': return '\\n'
    case '\r': return '\\r'
    case '\t': return '\\t'
  }
  const code = ch.codePointAt(0)!
  if (code < 0x20 || code === 0x7f) return `\\u${code.toString(16).padStart(4, '0')}`
  return ch
}

export function encodeHcl(value: string | number | boolean | string[]): string {
  if (Array.isArray(value)) return `[${value.map(encodeHclString).join(', ')}]`
  return typeof value === 'string' ? encodeHclString(value) : String(value)
}

/**
 * A string as hcl2json returns it is still a template: undo the `$${`/`%%{` escapes. Returns
 * undefined when the template interpolates (not allowed in a .tfvars file).
 */
export function untemplate(s: string): string | undefined {
  // One left-to-right pass, as HCL's scanner reads it: stripping the escapes first would glue the `%` of
  // `%%%{` to the `{` after the escape and see an interpolation that is not there.
  let interpolates = false
  const literal = s.replace(/\$\$\{|%%\{|\$\{|%\{/g, (m) => {
    if (m.length === 2) interpolates = true
    return m.slice(1)
  })
  return interpolates ? undefined : literal
}
