import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Coupon } from '@siyu/shared/schemas/coupons'
import { api } from '@/api'
import { ApiError } from '@/api/errors'
import { CouponFace } from '@/components/coupon-face'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { Barcode, QrCode, barcodeModuleToFit } from '@/components/scan-codes'
import { STATUS_TEXT, daysLeftText, formatCouponCode, storesText } from '@/lib/coupon-text'
import { formatShanghaiTime } from '@/lib/datetime'
import { useFullBrightness } from '@/lib/screen-brightness'
import { systemClock, type Clock } from '@/lib/use-now'
import { cardContentWidth } from '@/lib/window-width'
import { useShownData } from '@/store/use-shown-data'
import './index.scss'

const COUPON_CODE = /^\d{18}$/

/** A link with a broken code never reaches the API: it could only answer 400. */
function loadCoupon(code: string): Promise<Coupon> {
  if (!COUPON_CODE.test(code)) return Promise.reject(new ApiError('request.invalid', '券码无效', 400))
  return api.call('getMyCoupon', { params: { code } })
}

/** 优惠券详情: the coupon's rule, validity and stores, and while usable its code for the till. */
export default function CouponDetailPage({ clock = systemClock }: { clock?: Clock }) {
  const code = useRouter().params.code ?? ''
  // The code is fixed for the page's life, so the loader never changes (as useShownData expects).
  const coupon = useShownData(() => loadCoupon(code))
  useFullBrightness()

  usePullDownRefresh(async () => {
    await coupon.reload()
    Taro.stopPullDownRefresh()
  })

  const { data, error } = coupon
  if (!data) {
    return (
      <View className='page coupon-detail'>
        {error ? (
          <LoadFailed block='coupon-detail' layout='stacked' className='card' what='优惠券' error={error} onRetry={coupon.reload} />
        ) : (
          <CardSkeletons className='coupon-detail-loading' rows={[2, 5]} />
        )}
      </View>
    )
  }
  const usable = data.status === 'available' || data.status === 'held'
  return (
    <View className='page coupon-detail'>
      <View className={`coupon-detail__head coupon-detail--${data.status}`}>
        <CouponFace benefit={data.benefit} muted={!usable} />
        <View className='coupon-detail__title'>
          <Text className='coupon-detail-title'>{data.title}</Text>
          <Text className='coupon-detail-rule'>{data.ruleText}</Text>
          <Text className={`coupon-detail-status coupon-detail-status--${data.status}`}>{STATUS_TEXT[data.status]}</Text>
        </View>
      </View>
      <View className='card coupon-detail__codes'>{usable ? <ScannableCode coupon={data} /> : <Unusable coupon={data} />}</View>
      <Details coupon={data} now={clock()} usable={usable} />
    </View>
  )
}

function ScannableCode({ coupon }: { coupon: Coupon }) {
  return (
    <View className='coupon-detail-scan'>
      <Text className='muted coupon-detail-scan__hint'>
        {coupon.status === 'held' ? '此券正在门店结账中使用，请等待店员完成' : '结账时向店员出示此券码'}
      </Text>
      {/* 18 digits are 154 modules: 308 px at 2 px each, too wide for a narrow phone. */}
      <Barcode className='coupon-detail-barcode' digits={coupon.code} module={barcodeModuleToFit(coupon.code, cardContentWidth())} />
      <Text className='coupon-detail-code'>{formatCouponCode(coupon.code)}</Text>
      <QrCode className='coupon-detail-qr' text={coupon.code} />
    </View>
  )
}

/** A used or expired coupon shows why, and no code a till could try. */
function Unusable({ coupon }: { coupon: Coupon }) {
  const text = coupon.status === 'used' ? `此券已于 ${coupon.usedAt ? formatShanghaiTime(coupon.usedAt) : '—'} 使用` : `此券已于 ${coupon.lastDay} 过期`
  return <Text className='coupon-detail-unusable'>{text}</Text>
}

function Details({ coupon, now, usable }: { coupon: Coupon; now: Date; usable: boolean }) {
  const rows: [key: string, label: string, value: string][] = [
    ['validity', '有效期', `${formatShanghaiTime(coupon.validFrom).slice(0, 10)} 至 ${coupon.lastDay}`],
    ['last-day', '最后使用日', usable ? `${coupon.lastDay}（${daysLeftText(coupon.lastDay, now)}）` : coupon.lastDay],
    ['stores', '适用门店', storesText(coupon.stores)],
    ['claimed', '领取时间', formatShanghaiTime(coupon.claimedAt)],
  ]
  if (coupon.usedAt) rows.push(['used', '使用时间', formatShanghaiTime(coupon.usedAt)])
  return (
    <View className='card coupon-detail__info'>
      {rows.map(([key, label, value]) => (
        <View key={key} className={`coupon-detail-row coupon-detail-row--${key}`}>
          <Text className='coupon-detail-row__label'>{label}</Text>
          <Text className='coupon-detail-row__value'>{value}</Text>
        </View>
      ))}
    </View>
  )
}
