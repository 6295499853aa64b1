import { Text, View } from '@tarojs/components'
import { giftText, memberDayExtraText, thresholdText, timesText } from '@/lib/tier-text'
import type { TierRung } from '@/store/tier'

interface Row {
  key: string
  label: string
  cell: (t: TierRung) => string
}

const ROWS: readonly Row[] = [
  { key: 'threshold', label: '升级门槛', cell: (t) => thresholdText(t.thresholdFen) },
  { key: 'multiplier', label: '消费积分', cell: (t) => timesText(t.multiplierPercent) },
  { key: 'member-day', label: '会员日加送', cell: (t) => memberDayExtraText(t.memberDayBonusPercent) },
  { key: 'upgrade-gift', label: '升级礼', cell: (t) => giftText(t.upgradeGift) },
  { key: 'birthday-gift', label: '生日礼', cell: (t) => giftText(t.birthdayGift) },
]

/** 等级权益: one column per tier, the member's own highlighted. */
interface Props {
  ladder: readonly TierRung[]
  /** The member's tier code. */
  current: string
  /** Whether the program has a member day (else its row is left out). */
  memberDay: boolean
  /** Months of spend a threshold counts. */
  months: number
}

export function BenefitTable({ ladder, current, memberDay, months }: Props) {
  const rows = memberDay ? ROWS : ROWS.filter((r) => r.key !== 'member-day')
  const cellClass = (t: TierRung) => `tier-benefits__cell${t.code === current ? ' tier-benefits__cell--current' : ''}`
  return (
    <View className='card tier-benefits'>
      <Text className='card__title'>等级权益</Text>
      <View className='tier-benefits__row tier-benefits__head'>
        <Text className='tier-benefits__label' />
        {ladder.map((t) => (
          <View key={t.code} className={`${cellClass(t)} tier-benefits-tier`}>
            <Text className='tier-benefits-tier__name'>{t.name}</Text>
            {t.code === current ? <Text className='tier-benefits-tier__current'>当前</Text> : null}
          </View>
        ))}
      </View>
      {rows.map((row) => (
        <View key={row.key} className={`tier-benefits__row tier-benefits-row--${row.key}`}>
          <Text className='tier-benefits__label'>{row.label}</Text>
          {ladder.map((t) => (
            <Text key={t.code} className={cellClass(t)}>
              {row.cell(t)}
            </Text>
          ))}
        </View>
      ))}
      <Text className='muted tier-benefits__note'>门槛按近 {months} 个月的消费金额计算（退款不计入）</Text>
    </View>
  )
}
