import { bindingNames, type Binding, type ParameterDef, type ParameterMap } from './map.js'
import { SURFACES } from './types.js'

/** docs/parameters.md, rendered from the parameter map: one table per group. Pure. */
export function renderParameterDocs(map: ParameterMap): string {
  const out = [
    '# regcfg parameter reference',
    '',
    `Generated from \`schema/parameters.yaml\` by \`regcfg docs\`; do not edit. Upstream: ${map.upstream}.`,
    '',
    'Each row is one canonical parameter: its spec path, its name on every deployment surface, whether it is a',
    'secret (the spec then takes only a reference), its default and its meaning. A dash says the surface has no',
    'name for it and why. On Helm every parameter with a container variable also reaches the auth-server through',
    'the env Secret (`app.existingSecret`) that `create-env-secret.sh` creates.',
    '',
  ]
  const refs = map.parameters.filter((p) => p.ref).length
  out.push(`${map.parameters.length} parameters in ${map.groups.length} groups; ${refs} of them cover rows of the registry's unified parameter reference (docs/unified-parameter-reference.md), ${map.unmapped?.length ?? 0} reference rows are not parameters (listed at the end). A default under a surface's name is what that surface's deployment uses when regcfg writes nothing (Compose's \`\${VAR:-default}\`, the Terraform variable's default, the chart's values.yaml); the default column is the spec's.`, '')
  for (const g of map.groups) {
    const rows = map.parameters.filter((p) => p.group === g.id)
    if (rows.length === 0) continue
    out.push(`## ${g.title}`, '', '| parameter | .env | Terraform | Helm (standalone) | Helm (stack) | secret | default | meaning |', '|---|---|---|---|---|---|---|---|')
    for (const p of rows) out.push(row(p))
    out.push('')
  }
  const drifted = map.parameters.filter((p) => p.drift)
  if (drifted.length) {
    out.push('## Where the reference and the real files differ', '', 'The real files (docker-compose.yml, variables.tf and modules/mcp-gateway, the charts) win; the map follows them.', '', '| parameter | what differs |', '|---|---|')
    for (const p of drifted) out.push(`| \`${p.id}\` | ${escape(p.drift!)} |`)
    out.push('')
  }
  if (map.unmapped?.length) {
    out.push('## Reference rows that are not parameters', '', '| reference row | names | why not |', '|---|---|---|')
    for (const u of map.unmapped) out.push(`| ${escape(u.ref)} | ${u.names.map((n) => `\`${n}\``).join(' ')} | ${escape(u.reason)} |`)
    out.push('')
  }
  return out.join('\n')
}

function row(p: ParameterDef): string {
  const spec = p.spec === false ? `\`${p.id}\` (derived)` : `\`${p.id}\``
  const cells = SURFACES.map((s) => cell(p.surfaces[s]))
  const def = p.default === undefined ? '' : `\`${JSON.stringify(p.default)}\``
  return `| ${[spec, ...cells, p.secret ? 'yes' : '', def, escape(p.meaning)].join(' | ')} |`
}

function cell(b: Binding): string {
  const names = bindingNames(b).map((n) => `\`${n}\``).join('<br>')
  const def = b.default === undefined ? '' : `<br>default \`${b.default === '' ? '""' : String(b.default)}\``
  const reach = (b.misses ? `<br>not passed to ${b.misses.join(', ')}` : '') + (b.unproven ? `<br>unproven by the render: ${escape(b.unproven)}` : '')
  if (names) return (b.codec ? `${names} (${escape(b.note ?? b.codec)})` : names + (b.note ? ` (${escape(b.note)})` : '')) + def + reach
  const via = b.container ? ` (container: \`${b.container}\`)` : b.fixed !== undefined ? ` (fixed: \`${String(b.fixed)}\`)` : ''
  return `— ${escape(b.absent ?? '')}${via}${reach}`
}

const escape = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;')
