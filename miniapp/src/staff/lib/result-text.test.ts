import { tillAction } from './test-fixtures'
import { purchasePrompt, redeemPrompt, refundPrompt } from './prompts'
import { resultView } from './result-text'

const values = (view: ReturnType<typeof resultView>) => Object.fromEntries(view.lines.map((l) => [l.label, l.value]))

describe('resultView', () => {
  it('tells a purchase: figures and when the points arrive', () => {
    const view = resultView(tillAction(), 7)
    expect(view.title).toBe('消费已记录')
    expect(values(view)).toEqual({ 订单号: 'SO1', 订单金额: '¥128.00', 获得积分: '+128', 时间: '2026-11-25 14:30' })
    expect(view.note).toBe('积分将在 7 天后到账（退货期内为待生效积分）')
    expect(view.replayNote).toBeNull()
  })

  it('says the tier and referral rewards follow shortly, not that they happened', () => {
    expect(resultView(tillAction(), 7).followUp).toBe('会员等级与邀请奖励将在几秒内自动更新')
    expect(resultView(tillAction({ voided: true }), 7).followUp).toBe('会员等级与邀请奖励将在几秒内随之调整')
    expect(resultView(tillAction({ kind: 'refund', refundId: 'R1' }), 7).followUp).toBe('会员等级与邀请奖励将在几秒内随之调整')
    expect(resultView(tillAction({ kind: 'redemption' }), 7).followUp).toBeNull()
  })

  it('shows a coupon’s discount and what the member paid', () => {
    const view = resultView(tillAction({ couponCode: '100000000000000001', discountFen: 2000, points: 108 }), null)
    expect(values(view)).toMatchObject({ 优惠券抵扣: '-¥20.00', 实付: '¥108.00', 获得积分: '+108' })
    expect(view.note).toBe('积分将在退货期结束后到账')
  })

  it('tells a voided purchase and a replay apart', () => {
    const voided = resultView(tillAction({ voided: true, couponCode: '100000000000000001', discountFen: 2000 }), 7)
    expect(voided.title).toBe('消费已撤销')
    expect(values(voided)['已撤回积分']).toBe('128')
    expect(voided.note).toBe('该笔消费的 128 待生效积分已撤回，优惠券已退回会员')
    expect(resultView(tillAction({ replayed: true }), 7).replayNote).toBe('这笔操作此前已完成，以上为原结果，没有重复记录')
  })

  it('tells a redemption and its void', () => {
    const red = tillAction({ kind: 'redemption', points: 300, discountFen: 300 })
    expect(resultView(red, 7)).toMatchObject({ title: '积分抵现成功', note: '请在收银时减免 ¥3.00' })
    expect(values(resultView(red, 7))).toMatchObject({ 使用积分: '300', 抵扣金额: '¥3.00' })
    expect(resultView({ ...red, voided: true }, 7)).toMatchObject({ title: '积分抵现已撤销', note: '300 积分已退回会员账户，请收回 ¥3.00 的减免' })
  })

  it('tells a refund with its number and the points taken back', () => {
    const view = resultView(tillAction({ kind: 'refund', refundId: 'RF1', amountFen: 6400, points: 64 }), 7)
    expect(view.title).toBe('退款已处理')
    expect(values(view)).toMatchObject({ 退款单号: 'RF1', 退款金额: '¥64.00', 扣回积分: '64' })
    expect(view.note).toBe('已按退款比例扣回该订单的 64 积分')
  })

  it('says when an order earns nothing', () => {
    expect(resultView(tillAction({ amountFen: 50, points: 0 }), 7).note).toBe('本单不足 1 元，不产生积分')
  })
})

describe('confirmation prompts', () => {
  it('lists a purchase with a coupon, what is paid and the points it earns', () => {
    expect(purchasePrompt({ orderId: 'SO1', amountFen: 12800, discountFen: 2000, giftName: null, points: 108 })).toBe(
      '订单 SO1\n订单金额 ¥128.00\n优惠券抵扣 -¥20.00\n实付 ¥108.00\n预计积分 +108（待生效）',
    )
  })

  it('names a gift', () => {
    expect(purchasePrompt({ orderId: 'SO1', amountFen: 3000, discountFen: 0, giftName: '拿铁', points: 30 })).toBe('订单 SO1\n订单金额 ¥30.00\n兑换赠品：拿铁\n预计积分 +30（待生效）')
  })

  it('values points and names refunds', () => {
    expect(redeemPrompt('SO1', 250, 100)).toBe('订单 SO1\n使用 250 积分，抵扣 ¥2.50')
    expect(refundPrompt('SO1', 'RF1', 6400)).toBe('订单 SO1\n退款单 RF1\n退款 ¥64.00，将按比例扣回该订单的积分')
  })
})
