import { Text, View } from '@tarojs/components'
import type { MemberCard } from '@siyu/shared/schemas/member-code'
import { Tag } from '@/components/ui'

/** Who is being served: name, masked phone, tier, points and usable coupons. */
export function MemberCardView({ card, onNext }: { card: MemberCard; onNext: () => void }) {
  const { available, pending, debt } = card.points
  return (
    <View className='card staff-member-card'>
      <View className='staff-member-card__head'>
        <View className='staff-member-card__who'>
          <Text className='staff-member-name'>{card.nickname ?? '未设置昵称'}</Text>
          <Text className='staff-member-phone'>{card.phone ?? '未绑定手机号'}</Text>
        </View>
        <Tag className='staff-member-tier' type='warning' round>
          {card.tier.name}
        </Tag>
      </View>
      <View className='staff-member-points'>
        <Figure name='available' label='可用积分' value={available} />
        <Figure name='pending' label='待生效' value={pending} />
        {debt > 0 ? <Figure name='debt' label='欠扣' value={debt} /> : null}
      </View>
      <View className='staff-member-coupons'>
        <Text className='staff-member-coupons__label'>可用优惠券</Text>
        {card.coupons.length ? (
          card.coupons.map((c) => (
            <Text key={c.code} className='staff-member-coupon'>
              {c.title}（尾号 {c.code.slice(-4)}）
            </Text>
          ))
        ) : (
          <Text className='muted staff-member-coupons__none'>暂无可用优惠券</Text>
        )}
      </View>
      <Text className='staff-next-customer' onClick={onNext}>
        换一位顾客
      </Text>
    </View>
  )
}

function Figure({ name, label, value }: { name: string; label: string; value: number }) {
  return (
    <View className={`staff-member-points__item staff-member-points--${name}`}>
      <Text className='staff-member-points__value'>{value}</Text>
      <Text className='staff-member-points__label'>{label}</Text>
    </View>
  )
}
