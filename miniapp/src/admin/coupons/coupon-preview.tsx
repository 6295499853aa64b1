import { Text, View } from '@tarojs/components'
import { ruleText } from '@siyu/shared/rules/coupon-discount'
import { CouponChannel, CouponValidity } from '@siyu/shared/schemas/coupons'
import { CouponFace } from '@/components/coupon-face'
import { Button } from '@/components/ui'
import { centerAction, extraDescription, validityText } from '@/lib/coupon-text'
import { candidateOf, previewBenefit, type CouponDraft } from './coupon-draft'

/**
 * The card a member will see in the coupon center, drawn from the draft with the member page's
 * own pieces: the same coupon face, the rule worded by the shared `ruleText` the server stores,
 * the same validity wording and claim button.
 */
export function CouponPreview({ draft, storeNames }: { draft: CouponDraft; storeNames: (id: string) => string }) {
  const benefit = previewBenefit(draft)
  if (!benefit) {
    return (
      <View className='console-coupon-preview console-coupon-preview--empty'>
        <Text className='console-coupon-preview__placeholder'>填写优惠内容后显示会员看到的券面</Text>
      </View>
    )
  }
  const candidate = candidateOf(draft)
  const rule = ruleText(benefit)
  const title = draft.title.trim() || '优惠券名称'
  const validity = CouponValidity.safeParse(candidate.validity)
  const description = extraDescription({ description: draft.description.trim(), ruleText: rule })
  const channel = CouponChannel.safeParse(candidate.channel)
  const actionLabel = channel.success
    ? centerAction({ template: { id: 'preview', title, channel: channel.data, perMemberLimit: 1, totalStock: 1, validity: { type: 'days', days: 1 } }, blocker: null }).label
    : '积分兑换'
  return (
    <View className='console-coupon-preview'>
      <View className='coupon-card console-coupon-card'>
        <CouponFace benefit={benefit} />
        <View className='console-coupon-card__body'>
          <Text className='coupon-card-title console-coupon-preview-title'>{title}</Text>
          <Text className='coupon-card-rule console-coupon-preview-rule'>{rule}</Text>
          {description ? <Text className='coupon-card-description console-coupon-preview-description'>{description}</Text> : null}
          <Text className='coupon-card-validity console-coupon-preview-validity'>{validity.success ? validityText(validity.data) : '有效期待填写'}</Text>
          {draft.allStores ? null : (
            <Text className='coupon-card-stores console-coupon-preview-stores'>适用门店：{draft.storeIds.map(storeNames).join('、') || '未选择'}</Text>
          )}
          <View className='console-coupon-card__foot'>
            <Button className='coupon-card-action console-coupon-preview-action' size='small' type='primary'>
              {actionLabel}
            </Button>
          </View>
        </View>
      </View>
    </View>
  )
}
