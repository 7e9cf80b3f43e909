export interface IamGroup {
  id: string
  name: string
  path: string
  description?: string
}

export interface IamUser {
  username: string
  email?: string
  enabled: boolean
  status?: string
  groups: string[]
}

/** Read-only IAM listing for the registry's IAM > Groups / Users pages. */
export interface IamManager {
  listGroups(): Promise<IamGroup[]>
  listUsers(): Promise<IamUser[]>
}
