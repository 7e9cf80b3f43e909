import type { ParameterDef, ParameterMap } from './map.js'
import { SURFACES } from './types.js'

type Schema = Record<string, unknown>

const SECRET_REF: Schema = {
  description: 'A reference to a secret; never the secret itself.',
  oneOf: [
    { type: 'object', required: ['env'], additionalProperties: false, properties: { env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } } },
    { type: 'object', required: ['file'], additionalProperties: false, properties: { file: { type: 'string', minLength: 1 } } },
    { type: 'object', required: ['awsSecretsManager'], additionalProperties: false, properties: { awsSecretsManager: { type: 'string', pattern: '^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+' } } },
    {
      type: 'object', required: ['kubernetesSecret'], additionalProperties: false,
      properties: {
        kubernetesSecret: {
          type: 'object', required: ['name', 'key'], additionalProperties: false,
          properties: { name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' }, key: { type: 'string', pattern: '^[-._a-zA-Z0-9]+$' } },
        },
      },
    },
  ],
}

const NAME_LIST: Schema = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true }

/** One group→scope mapping: the upstream `mcp_scopes_<namespace>` document, reviewable in git. */
const SCOPE: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'groups', 'servers'],
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._/:-]*$', description: 'Scope name (the document _id).' },
    groups: { ...NAME_LIST, minItems: 1, description: 'IdP groups (names or ids) that receive this scope.' },
    servers: {
      type: 'array',
      description: 'Server access rules: "*" matches every server; methods "all"/"*" allow every method; tools/call needs the tool in tools.',
      items: {
        type: 'object', additionalProperties: false, required: ['server', 'methods'],
        properties: {
          server: { type: 'string', minLength: 1 },
          methods: { ...NAME_LIST, minItems: 1 },
          tools: { oneOf: [NAME_LIST, { const: '*' }] },
        },
      },
    },
    ui: { type: 'object', description: 'UI permissions: action → resources ("all" grants every resource).', additionalProperties: NAME_LIST },
  },
}

/** One access expectation: a policy test of the scope mappings, checked by `regcfg conformance` on every surface. */
const EXPECTATION: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['groups', 'server', 'allow'],
  properties: {
    groups: { ...NAME_LIST, description: 'The IdP groups of the user (may be empty: a user in no group).' },
    server: { type: 'string', minLength: 1, pattern: '^[^\\s]+$', description: 'The MCP server path as nginx sees it (<registry>/<server>/mcp).' },
    method: { type: 'string', minLength: 1, description: 'JSON-RPC method (default: tools/call when tool is given, else initialize).' },
    tool: { type: 'string', minLength: 1, description: 'Tool name of a tools/call.' },
    allow: { type: 'boolean', description: 'true: /validate answers 200; false: 403.' },
  },
}

/** The parts of the spec that are not parameters: format version, per-surface delivery options, scopes. */
const BASE: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://regcfg.dev/schema/registry.schema.json',
  title: 'regcfg registry spec',
  description: 'One spec for the MCP Gateway Registry, compiled to .env, terraform.tfvars and Helm values. Generated from schema/parameters.yaml by `node tools/gen-schema.mjs`; do not edit.',
  type: 'object',
  additionalProperties: false,
  required: ['auth'],
  properties: {
    version: { const: 1, description: 'Spec format version.' },
    expectations: { type: 'array', items: EXPECTATION, description: 'Access expectations (user in groups G may / may not call method or tool T on server S), checked on every surface by `regcfg conformance`.' },
    scopes: { type: 'array', items: SCOPE, description: 'Group→scope mappings: `regcfg db seed` upserts them; `regcfg serve --spec` serves them when no storage is configured.' },
    deploy: {
      type: 'object',
      additionalProperties: false,
      description: 'Which surfaces this spec deploys to, and how each delivers values that are not parameters.',
      properties: {
        surfaces: { type: 'array', uniqueItems: true, minItems: 1, items: { enum: [...SURFACES] }, description: 'The surfaces `validate` checks the spec against (default: all four).' },
        helm: {
          type: 'object',
          additionalProperties: false,
          properties: {
            envSecretName: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', default: 'auth-server-env', description: 'The existing Secret (app.existingSecret) that carries the auth-server environment.' },
          },
        },
      },
    },
  },
}

function leafSchema(p: ParameterDef): Schema {
  const doc = { description: p.meaning, ...(p.default !== undefined ? { default: p.default } : {}) }
  if (p.secret) return { ...doc, $ref: '#/$defs/secretRef' }
  switch (p.type) {
    case 'boolean': return { ...doc, type: 'boolean' }
    case 'integer': return { ...doc, type: 'integer' }
    case 'number': return { ...doc, type: 'number' }
    case 'enum': return { ...doc, enum: p.values }
    case 'list': return { ...doc, type: 'array', items: { type: 'string', minLength: 1 } }
    case 'url': return { ...doc, type: 'string', pattern: '^https?://[^\\s/]+(/[^\\s]*)?$' }
    default: return { ...doc, type: 'string' }
  }
}

function objectAt(root: Schema, segments: string[]): Schema {
  let node = root
  for (const seg of segments) {
    const props = (node.properties ??= {}) as Record<string, Schema>
    node = props[seg] ??= { type: 'object', additionalProperties: false, properties: {} }
  }
  return node
}

function addRequired(node: Schema, key: string): void {
  const req = (node.required ??= []) as string[]
  if (!req.includes(key)) req.push(key)
}

/** The active provider's section is required; a section that is present needs its required fields. */
function providerConditions(map: ParameterMap): Schema[] {
  const fields = new Map<string, string[]>()
  for (const p of map.parameters) {
    if (!p.provider || !p.required) continue
    fields.set(p.provider, [...(fields.get(p.provider) ?? []), p.id.split('.').at(-1)!])
  }
  const selector = map.parameters.find((p) => p.id === 'auth.provider')
  const active = (selector?.values ?? []).map((provider) => ({
    if: { properties: { auth: { type: 'object', properties: { provider: { const: provider } }, ...(provider === selector?.default ? {} : { required: ['provider'] }) } } },
    then: { properties: { auth: { type: 'object', required: [provider], ...(fields.has(provider) ? { properties: { [provider]: { type: 'object', required: fields.get(provider) } } } : {}) } } },
  }))
  // present = the section holds one of the provider's own keys (not only shared infrastructure)
  const own = (provider: string) => map.parameters.filter((p) => p.provider === provider && p.spec !== false).map((p) => ({ type: 'object', required: [p.id.split('.').at(-1)!] }))
  const present = [...fields].map(([provider, required]) => ({
    if: { properties: { auth: { type: 'object', required: [provider], properties: { [provider]: { type: 'object', anyOf: own(provider) } } } }, required: ['auth'] },
    then: { properties: { auth: { type: 'object', properties: { [provider]: { type: 'object', required } } } } },
  }))
  return [...active, ...present]
}

/** ajv options for the spec schema: every error, with the failing schema for hints. */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true, inlineRefs: false } as const

/** The spec's JSON Schema, built from the parameter map so that the two never disagree. */
export function buildSpecSchema(map: ParameterMap): Schema {
  const root = structuredClone(BASE)
  for (const p of map.parameters) {
    if (p.spec === false) continue
    const segments = p.id.split('.')
    const parent = objectAt(root, segments.slice(0, -1))
    ;(parent.properties as Record<string, Schema>)[segments.at(-1)!] = leafSchema(p)
    if (p.required && !p.provider) {
      for (let i = 0; i < segments.length; i++) addRequired(objectAt(root, segments.slice(0, i)), segments[i]!)
    }
  }
  root.allOf = providerConditions(map)
  root.$defs = { secretRef: SECRET_REF }
  return root
}
