import { Text, View } from '@tarojs/components'
import { CouponFace } from '@/components/coupon-face'
import { EmptyState } from '@/components/empty-state'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { Button } from '@/components/ui'
import { blockerReason, centerAction, centerOrder, extraDescription, mineHint, stockHint, storesText, validityText } from '@/lib/coupon-text'
import type { PointsSummaryState } from '@/store/points'
import type { CenterEntry, CouponCenterState, Taking } from './use-coupon-center'

interface Props {
  center: CouponCenterState
  points: PointsSummaryState
  taking: Taking
}

/** 领券中心: every coupon the member can claim or buy with points, and why not when blocked. */
export function CouponCenter({ center, points, taking }: Props) {
  const { data, error } = center
  if (!data) {
    return error ? (
      <LoadFailed block='coupon-center' layout='stacked' className='card' what='领券中心' phrase='unavailable' error={error} onRetry={center.reload} />
    ) : (
      <CardSkeletons className='coupon-center-loading' rows={[3, 3, 3]} />
    )
  }
  if (data.items.length === 0) {
    return <EmptyState className='coupon-center-empty' title='暂无可领取的优惠券' description='新的优惠券会在这里发布，记得常来看看。' />
  }
  // The balance matters only where points buy coupons.
  const sellsForPoints = data.items.some((e) => e.template.channel.type === 'points')
  return (
    <View className='coupon-center'>
      {sellsForPoints && points.data ? (
        <View className='coupon-center__points'>
          <Text className='coupon-center__points-label'>可用积分</Text>
          <Text className='coupon-center-points'>{points.data.available}</Text>
        </View>
      ) : null}
      {centerOrder(data.items).map((entry) => (
        <CenterCard key={entry.template.id} entry={entry} taking={taking} />
      ))}
    </View>
  )
}

function CenterCard({ entry, taking }: { entry: CenterEntry; taking: Taking }) {
  const { template } = entry
  const action = centerAction(entry)
  // A blocked card says why; an open one what the member holds or that stock runs low.
  const reason = blockerReason(entry)
  const hint = reason ?? mineHint(entry) ?? stockHint(entry.remaining, template.totalStock)
  const description = extraDescription(template)
  return (
    <View className={`coupon-card coupon-card--${template.channel.type}${action.kind ? '' : ' coupon-card--blocked'}`}>
      <CouponFace benefit={template.benefit} muted={entry.blocker === 'sold_out'} />
      <View className='coupon-card__body'>
        <Text className='coupon-card-title'>{template.title}</Text>
        <Text className='coupon-card-rule'>{template.ruleText}</Text>
        {description ? <Text className='coupon-card-description'>{description}</Text> : null}
        <Text className='coupon-card-validity'>{validityText(template.validity)}</Text>
        {template.stores === 'all' ? null : <Text className='coupon-card-stores'>适用门店：{storesText(template.stores)}</Text>}
        <View className='coupon-card__foot'>
          <Text className={`coupon-card-hint${reason ? ' coupon-card-hint--blocked' : ''}`}>{hint ?? ''}</Text>
          <Button
            className='coupon-card-action'
            size='small'
            type='primary'
            disabled={!action.kind || (taking.pendingId !== null && taking.pendingId !== template.id)}
            loading={taking.pendingId === template.id}
            onClick={() => void taking.take(entry)}
          >
            {action.label}
          </Button>
        </View>
      </View>
    </View>
  )
}
