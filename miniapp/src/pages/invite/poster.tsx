import { Text, View } from '@tarojs/components'
import { QrCode } from '@/components/scan-codes'
import { Button } from '@/components/ui'
import { posterRewardText } from '@/lib/invite-text'
import type { MyInvite } from '@/store/invite'

/**
 * The invite poster over the page: brand, the newcomer's reward, the code and a QR code of the
 * invite link. Views, not a canvas: the member saves it with a screenshot.
 */
export function InvitePoster({ brand, invite, link, onClose }: { brand: string; invite: MyInvite; link: string; onClose: () => void }) {
  const hint = process.env.TARO_ENV === 'h5' ? '截屏保存海报，或让好友扫码加入' : '截屏保存海报，发给好友或分享到朋友圈'
  return (
    <View className='invite-poster-mask'>
      <View className='invite-poster'>
        <Text className='invite-poster-brand'>{brand}</Text>
        <Text className='invite-poster__title'>邀你一起加入会员</Text>
        <Text className='invite-poster-reward'>{posterRewardText(invite.rewards)}</Text>
        <QrCode className='invite-poster-qr' text={link} cell={4} />
        <Text className='invite-poster__code-label'>邀请码</Text>
        <Text className='invite-poster-code'>{invite.inviteCode}</Text>
      </View>
      <Text className='invite-poster-hint'>{hint}</Text>
      <Button className='invite-poster-close' size='small' onClick={onClose}>
        关闭
      </Button>
    </View>
  )
}
