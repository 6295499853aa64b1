import { useLoad, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { api, useRequest } from '@/api'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { Button } from '@/components/ui'
import { inviteCodeOf } from '@/lib/invite-capture'
import { inviteeRewardText, inviteeRulesText } from '@/lib/invite-text'
import { goConsent, goHome, goLogin } from '@/lib/nav'
import { useBusy } from '@/lib/use-busy'
import { keepInviteFrom, ticketKeptInvite } from '@/store/pending-invite'
import { loadProgram, type Program } from '@/store/program'
import './index.scss'

/**
 * Where a friend's share lands (`?invite=CODE`), before any login: what the newcomer gets, and
 * 立即加入. The code and the server's ticket of this open are kept on the phone (first code wins)
 * and bound once the newcomer logs in.
 */
export default function WelcomePage() {
  const { params } = useRouter()
  const code = inviteCodeOf(params)
  const program = useRequest(loadProgram, [], { silent: true })
  const [busy, run] = useBusy()

  // The app keeps it at launch too; this covers a link opened inside a running app. The ticket is
  // asked for now, before any login: the server judges "new" by its time of this open.
  useLoad(() => {
    keepInviteFrom(params)
    void ticketKeptInvite(api)
  })

  function join() {
    if (process.env.TARO_ENV === 'h5') return goLogin()
    // In WeChat login is silent: the first call logs in (and binds the kept code).
    void run(async () => {
      const me = await api.call('getMe')
      if (me.needsConsent) goConsent()
      else goHome()
    })
  }

  return (
    <View className='page welcome'>
      {program.data ? (
        <Offer program={program.data} code={code} />
      ) : program.error ? (
        <LoadFailed block='welcome' layout='row' className='card' what='活动规则' error={program.error} onRetry={program.reload} />
      ) : (
        <CardSkeletons className='welcome-loading' rows={[4]} />
      )}
      <Button className='welcome-join' type='primary' block loading={busy} onClick={join}>
        立即加入
      </Button>
    </View>
  )
}

function Offer({ program, code }: { program: Program; code: string | null }) {
  const { referrals } = program
  return (
    <View className='welcome-card'>
      <Text className='welcome-brand'>{program.brand.name}</Text>
      <Text className='welcome-card__title'>{code ? '好友邀请你加入会员' : '欢迎加入会员'}</Text>
      {code ? (
        <>
          <Text className='welcome-reward'>{inviteeRewardText(referrals)}</Text>
          <Text className='welcome-rules'>{inviteeRulesText(referrals, program.points.returnWindowDays)}</Text>
          <Text className='welcome-code'>{`邀请码 ${code}`}</Text>
        </>
      ) : (
        <Text className='welcome-rules'>签到领积分，消费得积分，积分可兑换优惠券。</Text>
      )}
    </View>
  )
}

