import type { ScopeDoc } from './types.js'

const AGENT_ACTIONS = ['list_agents', 'get_agent', 'publish_agent', 'modify_agent', 'delete_agent', 'toggle_agent', 'invoke_agent']
const UI_ACTIONS = [
  'list_agents', 'get_agent', 'publish_agent', 'modify_agent', 'delete_agent', 'toggle_agent',
  'list_skills', 'publish_skill', 'modify_skill', 'delete_skill', 'toggle_skill',
  'list_service', 'register_service', 'health_check_service', 'toggle_service', 'modify_service', 'change_lifecycle_status', 'delete_service',
  'list_virtual_server', 'create_virtual_server', 'modify_virtual_server', 'delete_virtual_server',
]

/** The bootstrap `registry-admins` document, exactly as upstream's scripts/registry-admins.json. */
export function registryAdminsDoc(): ScopeDoc {
  return {
    _id: 'registry-admins',
    group_mappings: ['registry-admins'],
    server_access: [
      { server: '*', methods: ['all'], tools: ['all'] },
      { agent: '*', actions: [...AGENT_ACTIONS] },
    ],
    ui_permissions: Object.fromEntries(UI_ACTIONS.map((a) => [a, ['all']])),
  }
}

/** UI actions that change state: literal "all" on one of them makes a user an admin (not "*", upstream #663). */
export const MUTATING_UI_ACTIONS = UI_ACTIONS.filter((a) => !/^(list_|get_)/.test(a) && a !== 'health_check_service')
