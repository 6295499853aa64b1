import { useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ConsoleOperator, MemberDetail } from '@siyu/shared/schemas/console'
import { api, useRequest } from '@/api'
import { ApiError } from '@/api/errors'
import { EmptyState } from '@/components/empty-state'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { Button } from '@/components/ui'
import { ConsoleShell } from '../components/console-shell'
import { AdjustForm } from './adjust-form'
import { MEMBER_ID } from './detail-text'
import { HistoryPanel, useMemberHistory } from './history-panel'
import { CheckinsPanel, CouponsPanel, ReferralsPanel } from './other-panels'
import { ConsentsCard, HeaderCard, PointsCard, ReferralCard } from './profile-cards'
import { StaffCard } from './staff-card'
import './index.scss'

const MEMBERS_PAGE = '/admin/members/index'

const TABS = [
  { key: 'history', title: '积分明细' },
  { key: 'coupons', title: '优惠券' },
  { key: 'checkins', title: '签到' },
  { key: 'referrals', title: '邀请' },
] as const
type TabKey = (typeof TABS)[number]['key']

/** 会员详情 (`?id=m_…`): profile, points, consents, referral and staff rights, the member's lists, and the operator's actions. */
export default function MemberPage() {
  return <ConsoleShell section='members'>{(op) => <MemberLoader op={op} />}</ConsoleShell>
}

/** A link with a broken id never reaches the API: it could only answer 400. */
function loadDetail(id: string): Promise<MemberDetail> {
  if (!MEMBER_ID.test(id)) return Promise.reject(new ApiError('request.invalid', '会员编号无效', 400))
  return api.call('getMemberDetail', { params: { memberId: id } })
}

function backToSearch() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: MEMBERS_PAGE })
}

function MemberLoader({ op }: { op: ConsoleOperator }) {
  const id = useRouter().params.id ?? ''
  // Loaded on mount, not on the page's show: this mounts only after the shell knows the operator,
  // when the page has already shown (a show hook here would never fire and the skeleton would stay).
  const detail = useRequest(() => loadDetail(id), [id], { silent: true })
  const { data, error } = detail
  const back = (
    <Text className='console-member-back' onClick={backToSearch}>
      ‹ 返回会员搜索
    </Text>
  )
  if (!data) {
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 400)
    return (
      <View className='console-member'>
        {back}
        {missing ? (
          <EmptyState className='console-member-missing' title='找不到这位会员' description='链接中的会员编号无效，或会员已注销。'>
            <Button className='console-member-missing-back' size='small' onClick={() => void Taro.redirectTo({ url: MEMBERS_PAGE })}>
              去搜索会员
            </Button>
          </EmptyState>
        ) : error ? (
          <LoadFailed block='console-member' className='card' layout='stacked' what='会员信息' error={error} onRetry={detail.reload} />
        ) : (
          <CardSkeletons className='console-member-loading' rows={[4, 3, 3]} />
        )}
      </View>
    )
  }
  return (
    <View className='console-member'>
      {back}
      <MemberView op={op} detail={data} reload={detail.reload} />
    </View>
  )
}

function MemberView({ op, detail, reload }: { op: ConsoleOperator; detail: MemberDetail; reload: () => Promise<void> }) {
  const memberId = detail.member.id
  const history = useMemberHistory(memberId)
  const [tab, setTab] = useState<TabKey>('history')

  usePullDownRefresh(async () => {
    await Promise.all([reload(), history.refresh()])
    Taro.stopPullDownRefresh()
  })

  async function afterAdjustment() {
    setTab('history')
    // The new entry shows at the top of 全部; another filter might hide it.
    await Promise.all([reload(), history.key === 'all' ? history.refresh() : Promise.resolve(history.setKey('all'))])
  }

  return (
    <>
      <View className='console-member-cards'>
        <HeaderCard detail={detail} />
        <PointsCard points={detail.points} />
        <AdjustForm memberId={memberId} name={detail.member.name} onAdjusted={afterAdjustment} />
        <ConsentsCard consents={detail.consents} />
        <ReferralCard referral={detail.referral} />
        {detail.staff ? <StaffCard memberId={memberId} name={detail.member.name} staff={detail.staff} canManage={op.role === 'admin'} onChanged={reload} /> : null}
      </View>
      <View className='card console-member-lists'>
        <View className='console-tabs console-member-tabs'>
          {TABS.map((t) => (
            <View
              key={t.key}
              className={`console-tabs__tab console-member-tab console-member-tab--${t.key}${tab === t.key ? ' console-tabs__tab--active console-member-tab--active' : ''}`}
              onClick={() => setTab(t.key)}
            >
              {t.title}
            </View>
          ))}
        </View>
        {tab === 'history' ? <HistoryPanel history={history} /> : null}
        {tab === 'coupons' ? <CouponsPanel memberId={memberId} /> : null}
        {tab === 'checkins' ? <CheckinsPanel memberId={memberId} /> : null}
        {tab === 'referrals' ? <ReferralsPanel memberId={memberId} /> : null}
      </View>
    </>
  )
}
