import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { StaffInvite, StaffRole } from '@siyu/shared/schemas/staff'
import { api } from '@/api'
import { QrCode } from '@/components/scan-codes'
import { Button } from '@/components/ui'
import { showError } from '@/lib/feedback'
import { Choices } from '../components/form-fields'
import { formatShanghaiTime } from '../lib/format'

const ROLES = [
  { value: 'clerk', label: '店员' },
  { value: 'manager', label: '店长' },
] as const

/**
 * 邀请员工 (brand admins): a one-time binding code for a role at this store, shown big with its
 * expiry and as a QR code. The QR holds the code itself: the mini-program has no binding page
 * to link to yet, so the new staff member scans or types the code where binding asks for it.
 */
export function InvitePanel({ storeId, storeName }: { storeId: string; storeName: string }) {
  const [role, setRole] = useState<StaffRole>('clerk')
  const [invite, setInvite] = useState<StaffInvite | null>(null)
  const [busy, setBusy] = useState(false)

  async function create() {
    setBusy(true)
    try {
      setInvite(await api.call('createStaffInvite', { body: { storeId, role } }))
    } catch (err) {
      showError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card console-invite'>
      <Text className='card__title'>邀请员工</Text>
      <View className='console-invite__form'>
        <Choices name='console-invite-role' options={ROLES} isActive={(r) => r === role} onPick={(r) => {
            setRole(r)
            setInvite(null)
          }} />
        <Button className='console-invite-create' type='primary' size='small' loading={busy} onClick={() => void create()}>
          生成邀请码
        </Button>
      </View>
      {invite ? (
        <View className='console-invite__result'>
          <Text className='console-invite__for'>
            {storeName} · {invite.role === 'manager' ? '店长' : '店员'}
          </Text>
          <Text className='console-invite-code'>{invite.inviteCode}</Text>
          <QrCode className='console-invite-qr' text={invite.inviteCode} cell={6} />
          <Text className='console-invite-expiry'>仅可使用一次，{formatShanghaiTime(invite.expiresAt)} 前有效</Text>
          <Text className='console-invite__hint'>请新员工在小程序中扫描二维码或输入邀请码完成绑定。</Text>
        </View>
      ) : null}
    </View>
  )
}
