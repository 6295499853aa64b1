import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/ui'
import { showError, showNotice } from '@/lib/feedback'
import { referrerRewardText } from '@/lib/invite-text'
import type { MyInvite } from '@/store/invite'

/** Copies the invite link (h5: a browser has no share sheet to the friend's WeChat). */
async function copyLink(link: string) {
  try {
    await Taro.setClipboardData({ data: link })
    showNotice('邀请链接已复制，发给好友吧')
  } catch (err) {
    showError(err)
  }
}

/** The code and the ways to send it: WeChat's share (weapp) or the copied link (h5), and the poster. */
export function InviteCard({ invite, link, onPoster }: { invite: MyInvite; link: string; onPoster: () => void }) {
  const h5 = process.env.TARO_ENV === 'h5'
  return (
    <View className='invite-hero'>
      <Text className='invite-hero__title'>邀请好友，一起赚积分</Text>
      <Text className='invite-reward'>{referrerRewardText(invite.rewards)}</Text>
      <View className='invite-hero__code'>
        <Text className='invite-hero__code-label'>我的邀请码</Text>
        <Text className='invite-code'>{invite.inviteCode}</Text>
      </View>
      <View className='invite-hero__actions'>
        {h5 ? (
          <Button className='invite-copy' type='primary' onClick={() => void copyLink(link)}>
            复制邀请链接
          </Button>
        ) : (
          <Button className='invite-share' type='primary' openType='share'>
            分享给好友
          </Button>
        )}
        <Button className='invite-poster-open' fill='outline' onClick={onPoster}>
          生成海报
        </Button>
      </View>
    </View>
  )
}
