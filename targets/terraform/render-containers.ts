/**
 * Where the assembler (render-assemble.ts) finds the containers it lifts: a block's
 * `container_definitions` in any of the forms the registry's module writes — a template string
 * (`jsonencode([{ name = "keycloak", ... }])`, `merge({ auth-server = {...} }, ...)`), or an object
 * literal (`{ grafana = { environment = [...] } }`), which hcl2json gives as a JSON object whose
 * leaves are templates. And, per `environment`/`secrets` list, what each named entry's value
 * references. Found by HCL parsing (hcl-expr.ts); nothing here evaluates.
 */
import { literalString, nodes, objectItems, parseTemplate, traversals, type ObjectItem, type ParsedTemplate } from './hcl-expr.js'
import type { Dep } from './render-meta.js'

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
export type Obj = { [k: string]: Json }

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * One list of a container (`environment` or `secrets`): its native source (an item of an object
 * constructor in a template), or the JSON value hcl2json gives for an object literal's attribute.
 */
export type ListSource = { native: string } | { json: Json }

/** A block that may hold containers: a `module` call or a resource. */
export interface ContainerBlock {
  kind: 'module' | 'resource'
  type: string
  name: string
  body: Obj
  file: string
}

/** A container found in a `container_definitions`: its `environment`/`secrets` sources. */
export interface FoundContainer {
  key: string
  name: string
  /** The block's address in its scope (`module.ecs_service_grafana`, `aws_ecs_task_definition.keycloak`). */
  block: string
  file: string
  /** The block's `count` as hcl2json gives it (a number, or a template); the container exists only where it is not 0. */
  count?: Json
  environment?: ListSource
  secrets?: ListSource
}

const LISTS = ['environment', 'secrets'] as const

/** The containers `wanted` (canonical key → name in the module) that the blocks define with an environment or secrets list. */
export async function findContainers(blocks: readonly ContainerBlock[], wanted: Record<string, string>): Promise<FoundContainer[]> {
  const byName = new Map(Object.entries(wanted).map(([k, n]) => [n, k]))
  const found: FoundContainer[] = []
  for (const b of blocks) {
    const defs = b.body.container_definitions
    const add = (name: string | undefined, lists: Partial<Record<(typeof LISTS)[number], ListSource>>) => {
      const key = name === undefined ? undefined : byName.get(name)
      if (!key || found.some((f) => f.key === key) || (!lists.environment && !lists.secrets)) return
      const block = b.kind === 'module' ? `module.${b.name}` : `${b.type}.${b.name}`
      found.push({ key, name: name!, block, file: b.file, ...(b.body.count !== undefined ? { count: b.body.count } : {}), ...lists })
    }
    if (typeof defs === 'string') {
      if (![...byName.keys()].some((n) => defs.includes(n))) continue
      const t = await parseTemplate(defs)
      const native = (items: ObjectItem[] | undefined) => Object.fromEntries(LISTS.flatMap((l) => items?.filter((i) => i.key === l).map((i) => [l, { native: i.source }]) ?? []))
      for (const node of nodes(t.ast)) {
        const items = objectItems(t, node)
        if (!items) continue
        // map form (terraform-aws-modules/ecs): { auth-server = { environment = ... } }
        for (const item of items) add(item.key, native(objectItems(t, item.value)))
        // list form (jsonencode([{ name = "auth-server", environment = ... }]))
        add(literalString(items.find((i) => i.key === 'name')?.value), native(items))
      }
    } else {
      // an object literal (map form) or a tuple literal (list form): JSON whose leaves are templates
      const json = (o: Obj) => Object.fromEntries(LISTS.filter((l) => o[l] !== undefined).map((l) => [l, { json: o[l]! }]))
      if (isObj(defs)) for (const [name, body] of Object.entries(defs)) if (isObj(body)) add(name, json(body))
      if (Array.isArray(defs)) for (const body of defs) if (isObj(body) && typeof body.name === 'string') add(body.name, json(body))
    }
  }
  return found
}

/** What the entries of one list reference: per `{ name = "X", <field> = ... }` entry, and the rest (conditions, merged-in lists). */
export interface EntryDeps {
  entries: Record<string, Dep[]>
  rest: Dep[]
}

const merge = (into: Record<string, Dep[]>, name: string, deps: readonly Dep[]): void => {
  into[name] = [...new Set([...(into[name] ?? []), ...deps])]
}

/** Entries of a parsed template; `byStart` maps each traversal's start to the dep the lifter made of it. */
export function templateEntryDeps(parsed: ParsedTemplate | undefined, byStart: ReadonlyMap<number, Dep> | undefined, field: 'value' | 'valueFrom'): EntryDeps {
  const entries: Record<string, Dep[]> = {}
  if (!parsed || !byStart) return { entries, rest: [] }
  const inEntries = new Set<number>()
  for (const node of nodes(parsed.ast)) {
    const items = objectItems(parsed, node)
    const name = literalString(items?.find((i) => i.key === 'name')?.value)
    const v = items?.find((i) => i.key === field)
    if (name === undefined || !v) continue
    const ds = traversals(parsed, v.value).map((t) => {
      inEntries.add(t.start)
      return byStart.get(t.start)
    })
    merge(entries, name, ds.filter((d): d is Dep => d !== undefined))
  }
  const rest = [...byStart.entries()].filter(([s]) => !inEntries.has(s)).map(([, d]) => d)
  return { entries, rest: [...new Set(rest)] }
}

/**
 * Entries of a JSON list (an object literal's `environment = [{ name = "X", value = ... }]`), each
 * element already lifted: `deps[i]` is what element i's `field` references, `other[i]` what the rest
 * of the element does (an element that is not a literal-named entry counts whole in `rest`).
 */
export function jsonEntryDeps(list: readonly Json[], deps: readonly { field: Dep[]; other: Dep[] }[]): EntryDeps {
  const entries: Record<string, Dep[]> = {}
  const rest: Dep[] = []
  list.forEach((e, i) => {
    const d = deps[i] ?? { field: [], other: [] }
    if (isObj(e) && typeof e.name === 'string' && !e.name.includes('${')) {
      merge(entries, e.name, d.field)
      rest.push(...d.other)
    } else rest.push(...d.field, ...d.other)
  })
  return { entries, rest: [...new Set(rest)] }
}
