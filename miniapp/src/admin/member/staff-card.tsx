import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { MemberDetail } from '@siyu/shared/schemas/console'
import { api } from '@/api'
import { Button } from '@/components/ui'
import { showSuccess } from '@/lib/feedback'
import { useBusy } from '@/lib/use-busy'
import { Line } from './profile-cards'
import { STAFF_ROLE_TEXT } from './detail-text'

type Staff = NonNullable<MemberDetail['staff']>

interface Props {
  memberId: string
  name: string
  staff: Staff
  /** Brand admins may disable and restore staff; a manager only sees the card. */
  canManage: boolean
  onChanged: () => Promise<void>
}

/** 员工: the member's role and store, and (for an admin) 停用 / 恢复 with a confirm. */
export function StaffCard({ memberId, name, staff, canManage, onChanged }: Props) {
  const [busy, run] = useBusy()
  const disabling = !staff.disabled

  async function toggle() {
    const { confirm } = await Taro.showModal({
      title: disabling ? '停用员工' : '恢复员工',
      content: disabling
        ? `停用后 ${name} 立即失去${staff.store.name}的${STAFF_ROLE_TEXT[staff.role]}权限（已登录的会话同样失效），会员身份不受影响。`
        : `恢复 ${name} 在${staff.store.name}的${STAFF_ROLE_TEXT[staff.role]}权限？`,
      confirmText: disabling ? '停用' : '恢复',
      confirmColor: disabling ? '#f53f3f' : '#fa2c19',
    })
    if (!confirm) return
    await run(async () => {
      await api.call(disabling ? 'disableStaff' : 'restoreStaff', { params: { memberId } })
      showSuccess(disabling ? '已停用' : '已恢复')
      await onChanged()
    })
  }

  return (
    <View className={`card console-member-staff${staff.disabled ? ' console-member-staff--disabled' : ''}`}>
      <Text className='card__title'>员工身份</Text>
      <Line name='staff-role' label='角色'>
        {STAFF_ROLE_TEXT[staff.role]}
      </Line>
      <Line name='staff-store' label='门店'>
        {staff.store.name}
      </Line>
      <Line name='staff-status' label='状态'>
        {staff.disabled ? '已停用' : '正常'}
      </Line>
      {canManage ? (
        <View className='console-actions'>
          <Button
            className={disabling ? 'console-staff-disable' : 'console-staff-restore'}
            size='small'
            type={disabling ? 'danger' : 'primary'}
            loading={busy}
            onClick={() => void toggle()}
          >
            {disabling ? '停用员工' : '恢复员工'}
          </Button>
        </View>
      ) : null}
    </View>
  )
}
