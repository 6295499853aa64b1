import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { LoadFailed } from '@/components/load-state'
import { tillRoleOf, type TillRole } from '@/components/role-badges/roles'
import { Skeleton } from '@/components/ui'
import { useMember } from '@/store/use-member'
import { NoAccess } from './no-access'

interface Props {
  /** Managers only (操作记录); otherwise clerks and managers. */
  managersOnly?: boolean
  children: (role: TillRole) => ReactNode
}

/** Renders a staff page for those whose roles allow it, and a clear 无权限 for everyone else. */
export function StaffGate({ managersOnly = false, children }: Props) {
  const { member, loading, error, reload } = useMember()
  if (!member) {
    return (
      <View className='page staff staff-gate'>
        <View className='card'>
          {loading || !error ? (
            <Skeleton rows={3} animated />
          ) : (
            <LoadFailed block='staff-gate' textClassName='staff-form-error__text' error={error} onRetry={reload} />
          )}
        </View>
      </View>
    )
  }
  const role = tillRoleOf(member.roles)
  if (!role || (managersOnly && role !== 'manager')) {
    return (
      <View className='page staff'>
        <NoAccess who={managersOnly ? '店长' : undefined} />
      </View>
    )
  }
  return <>{children(role)}</>
}
