import { View } from '@tarojs/components'
import type { Role } from '@siyu/shared/schemas/common'
import { staffRoleLabels } from '@/components/role-badges/roles'
import { Tag } from '@/components/ui'

/** 员工 / 店长 / 管理员 tags beside a member's name; nothing for a plain member. */
export function StaffBadges({ roles }: { roles: readonly Role[] }) {
  const labels = staffRoleLabels(roles)
  if (!labels.length) return null
  return (
    <View className='console-badges'>
      {labels.map(({ role, label }) => (
        <Tag key={role} className={`console-badge console-badge--${role}`} type='primary' round>
          {label}
        </Tag>
      ))}
    </View>
  )
}
