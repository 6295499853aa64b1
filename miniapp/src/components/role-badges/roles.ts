import type { Member } from '@/store/member-store'

type Role = Member['roles'][number]

const LABELS: Partial<Record<Role, string>> = { clerk: '员工', manager: '店长', admin: '管理员' }

/** Staff role labels in a stable order; plain members get none. */
export function staffRoleLabels(roles: readonly Role[]): { role: Role; label: string }[] {
  return (['clerk', 'manager', 'admin'] as const)
    .filter((role) => roles.includes(role))
    .map((role) => ({ role, label: LABELS[role] as string }))
}

/** Who may use the staff workbench: a store's manager or clerk (an admin alone is not at a till). */
export type TillRole = 'manager' | 'clerk'

export function tillRoleOf(roles: readonly Role[]): TillRole | null {
  if (roles.includes('manager')) return 'manager'
  if (roles.includes('clerk')) return 'clerk'
  return null
}
