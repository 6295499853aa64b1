import { View } from '@tarojs/components'
import { Tag } from '@/components/ui'
import type { Member } from '@/store/member-store'
import { staffRoleLabels } from './roles'

/** 员工 / 店长 / 管理员 badges; renders nothing for a plain member. */
export function RoleBadges({ roles }: { roles: Member['roles'] }) {
  const labels = staffRoleLabels(roles)
  if (!labels.length) return null
  return (
    <View className='role-badges'>
      {labels.map(({ role, label }) => (
        <Tag key={role} className={`profile-role profile-role--${role}`} type='primary' round>
          {label}
        </Tag>
      ))}
    </View>
  )
}
