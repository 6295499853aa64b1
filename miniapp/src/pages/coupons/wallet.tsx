import { Text, View } from '@tarojs/components'
import type { Coupon } from '@siyu/shared/schemas/coupons'
import { messageFor } from '@/api'
import { CouponFace } from '@/components/coupon-face'
import { EmptyState } from '@/components/empty-state'
import { ListFooter } from '@/components/list-footer'
import { Button, Skeleton } from '@/components/ui'
import { STATUS_TEXT, walletLine } from '@/lib/coupon-text'
import { goCouponDetail } from '@/lib/nav'
import { WALLET_TABS, type MyCoupons, type WalletTab } from './use-my-coupons'

const EMPTY: Record<WalletTab, string> = {
  usable: '暂无可使用的优惠券',
  used: '暂无已使用的优惠券',
  expired: '暂无已过期的优惠券',
}

/** 我的券: status tabs, then the coupons of the chosen tab, paged as the member scrolls. */
export function Wallet({ wallet, onGoCenter }: { wallet: MyCoupons; onGoCenter: () => void }) {
  return (
    <View className='wallet'>
      <View className='wallet-tabs'>
        {WALLET_TABS.map(({ key, label }) => (
          <View key={key} className={`wallet-tab wallet-tab--${key}${wallet.tab === key ? ' wallet-tab--active' : ''}`} onClick={() => wallet.setTab(key)}>
            {label}
          </View>
        ))}
      </View>
      <WalletBody wallet={wallet} onGoCenter={onGoCenter} />
    </View>
  )
}

function WalletBody({ wallet, onGoCenter }: { wallet: MyCoupons; onGoCenter: () => void }) {
  if (wallet.status === 'idle' || wallet.status === 'loading') {
    return (
      <View className='card wallet-loading'>
        <Skeleton rows={4} animated />
      </View>
    )
  }
  if (wallet.status === 'error') {
    return (
      <View className='card wallet-error'>
        <Text className='wallet-error__text'>{messageFor(wallet.error)}</Text>
        <Button className='wallet-retry' size='small' onClick={() => void wallet.refresh()}>
          重试
        </Button>
      </View>
    )
  }
  if (wallet.items.length === 0) {
    return (
      <EmptyState className='wallet-empty' title={EMPTY[wallet.tab]} description='去领券中心看看有什么好券吧。'>
        <Button className='wallet-go-center' size='small' type='primary' fill='outline' onClick={onGoCenter}>
          去领券中心
        </Button>
      </EmptyState>
    )
  }
  return (
    <View className='wallet-coupons'>
      {wallet.items.map((coupon) => (
        <WalletRow key={coupon.code} coupon={coupon} />
      ))}
      <ListFooter className='wallet-footer' list={wallet} />
    </View>
  )
}

function WalletRow({ coupon }: { coupon: Coupon }) {
  const usable = coupon.status === 'available' || coupon.status === 'held'
  return (
    <View className={`coupon-card wallet-coupon wallet-coupon--${coupon.status}`} onClick={() => goCouponDetail(coupon.code)}>
      <CouponFace benefit={coupon.benefit} muted={!usable} />
      <View className='coupon-card__body'>
        <View className='wallet-coupon__head'>
          <Text className='coupon-card-title wallet-coupon-title'>{coupon.title}</Text>
          {coupon.status === 'available' ? null : <Text className={`coupon-status coupon-status--${coupon.status}`}>{STATUS_TEXT[coupon.status]}</Text>}
        </View>
        <Text className='coupon-card-rule'>{coupon.ruleText}</Text>
        <View className='wallet-coupon__foot'>
          <Text className='wallet-coupon-line'>{walletLine(coupon)}</Text>
          {usable ? <Text className='wallet-coupon-use'>去使用 ›</Text> : <Text className='wallet-coupon-view'>查看 ›</Text>}
        </View>
      </View>
    </View>
  )
}
