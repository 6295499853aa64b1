import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { memberStore } from '@/store/member-store'
import { resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import { card, tillAction } from '../lib/test-fixtures'
import WorkbenchPage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string; data?: Record<string, unknown> }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>
const showModal = Taro.showModal as unknown as jest.Mock<Promise<{ confirm: boolean }>, [{ title: string; content: string }]>

const clerk = { id: 'm_clerk00001', nickname: '店员小李', roles: ['member', 'clerk'], storeId: 'store-1', needsConsent: false }
const program = { version: 1, earning: { pointsPerYuan: 1 }, points: { expiryMonths: 12, returnWindowDays: 7, expiringSoonDays: 30 }, till: { redeemPointsPerYuan: 100, maxRedeemPointsPerOrder: 10_000, managerApprovalFen: 500_000, voidWindowMinutes: 15 } }
const CODE = '12345678901234'
const coupon = { code: '100000000000000001', title: '思域 满100减20' }

const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })
const refuse = (statusCode: number, code: string, message: string): Promise<Reply> => Promise.resolve({ statusCode, data: { error: { code, message } } })
const offline = (): Promise<Reply> => Promise.reject(new TypeError('Failed to fetch'))

type Handler = (o: RequestOptions) => Promise<Reply>
/** A fake API: routes by path; each handler may be replaced per test. */
function serve(handlers: Record<string, Handler> = {}, me: object = clerk) {
  const routes: Record<string, Handler> = {
    '/v1/me': () => ok(me),
    '/v1/program': () => ok(program),
    '/v1/staff/member-codes/verify': () => ok(card({ coupons: [coupon] })),
    // The card's member is 银卡 (×1.2): 128 元 earns 153.
    '/v1/staff/purchases': (o) => ok(tillAction({ orderId: String(o.data?.orderId), actionId: `pur_${o.data?.orderId}`, points: 153, at: new Date().toISOString() })),
    ...handlers,
  }
  request.mockImplementation((o) => {
    const path = new URL(o.url, 'http://x').pathname
    const handler = routes[path] ?? Object.entries(routes).find(([p]) => p.includes('*') && new RegExp(`^${p.replace(/\*/g, '[^/]+')}$`).test(path))?.[1]
    return handler ? handler(o) : Promise.reject(new Error(`unexpected ${o.method} ${o.url}`))
  })
}

const calls = (path: string) => request.mock.calls.map(([o]) => o).filter((o) => new URL(o.url, 'http://x').pathname === path)
const bodyOf = (path: string, n = -1) => calls(path).at(n)?.data

async function renderPage() {
  const view = render(<WorkbenchPage />)
  await act(async () => {})
  return view
}

async function tap(root: Element, selector: string) {
  const el = root.querySelector(selector)
  if (!el) throw new Error(`nothing matches ${selector}`)
  await act(async () => {
    fireEvent.click(el)
  })
}

function type(root: Element, selector: string, value: string) {
  const el = root.querySelector(selector)
  if (!el) throw new Error(`nothing matches ${selector}`)
  fireEvent.change(el, { target: { value } })
}

const text = (root: Element, selector: string) => root.querySelector(selector)?.textContent

async function identify(root: Element, code = CODE) {
  type(root, '.staff-code-input', code)
  await tap(root, '.staff-verify')
}

async function purchase(root: Element, amount = '128.00') {
  await tap(root, '.staff-open-purchase')
  type(root, '.staff-amount-input', amount)
  await tap(root, '.staff-purchase-submit')
}

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('staff/index/index')
  memberStore.set(null)
  Taro.setStorageSync('siyu.token', 'tok')
  delete process.env.TARO_ENV
})

describe('staff workbench', () => {
  it('tells a member without a staff role they have no access', async () => {
    serve({}, { ...clerk, roles: ['member'] })
    const { container } = await renderPage()
    expect(text(container, '.staff-no-access')).toContain('无权限')
    expect(container.querySelector('.staff-code-input')).toBeNull()
  })

  it('shows the member card of a typed code', async () => {
    serve()
    const { container } = await renderPage()
    expect(container.querySelector('.staff-scan')).toBeNull() // h5: typed entry only
    await identify(container, '1234 5678 901 234')
    expect(bodyOf('/v1/staff/member-codes/verify')).toEqual({ code: CODE })
    expect(text(container, '.staff-member-name')).toBe('小王')
    expect(text(container, '.staff-member-phone')).toBe('138****0000')
    expect(text(container, '.staff-member-tier')).toBe('银卡会员')
    expect(text(container, '.staff-member-points--available')).toBe('530可用积分')
    expect(text(container, '.staff-member-points--pending')).toBe('128待生效')
    expect(container.querySelector('.staff-member-points--debt')).toBeNull()
    expect(text(container, '.staff-member-coupon')).toBe('思域 满100减20（尾号 0001）')
  })

  it('shows debt when the member owes points', async () => {
    serve({ '/v1/staff/member-codes/verify': () => ok(card({ points: { available: 0, pending: 0, debt: 150 } })) })
    const { container } = await renderPage()
    await identify(container)
    expect(text(container, '.staff-member-points--debt')).toBe('150欠扣')
    expect(text(container, '.staff-member-coupons__none')).toBe('暂无可用优惠券')
  })

  it.each([
    ['member_code.expired', 422, '会员码已过期，请让顾客刷新会员码'],
    ['member_code.invalid', 422, '会员码无效，请让顾客刷新会员码后重试'],
    ['member_code.malformed', 400, '会员码格式不正确（应为 14 位数字）'],
  ])('says why a code is refused: %s', async (code, status, message) => {
    serve({ '/v1/staff/member-codes/verify': () => refuse(status, code, message) })
    const { container } = await renderPage()
    await identify(container)
    expect(text(container, '.staff-identify-error')).toBe(message)
    expect(container.querySelector('.staff-member-card')).toBeNull()
  })

  it('asks for a code before verifying nothing', async () => {
    serve()
    const { container } = await renderPage()
    await tap(container, '.staff-verify')
    expect(text(container, '.staff-code-error')).toBe('请输入会员码')
    expect(calls('/v1/staff/member-codes/verify')).toHaveLength(0)
  })

  it('scans the code with the camera on weapp', async () => {
    process.env.TARO_ENV = 'weapp'
    serve()
    ;(Taro.scanCode as jest.Mock).mockResolvedValue({ result: CODE, errMsg: 'scanCode:ok' })
    const { container } = await renderPage()
    await tap(container, '.staff-scan')
    expect(Taro.scanCode).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['barCode', 'qrCode'] })
    expect(bodyOf('/v1/staff/member-codes/verify')).toEqual({ code: CODE })
    expect(text(container, '.staff-member-name')).toBe('小王')
  })

  it('records a purchase after confirming, shows the result and voids it', async () => {
    serve({
      '/v1/staff/actions/*/void': (o) => ok(tillAction({ orderId: o.url.split('/')[4].slice(4), points: 153, at: new Date().toISOString(), voided: true })),
    })
    const { container } = await renderPage()
    await identify(container)
    await tap(container, '.staff-open-purchase')
    const orderId = (container.querySelector('.staff-order-input') as HTMLInputElement).value
    expect(orderId).toMatch(/^SO\d{12}[A-Z2-9]{6}$/)
    type(container, '.staff-amount-input', '128.00')
    expect(text(container, '.staff-amount-hint')).toBe('实付 ¥128.00，预计 +153 积分（待生效）')
    await tap(container, '.staff-purchase-submit')

    expect(showModal.mock.calls[0][0]).toMatchObject({ title: '确认记录消费', content: `订单 ${orderId}\n订单金额 ¥128.00\n预计积分 +153（待生效）` })
    expect(bodyOf('/v1/staff/purchases')).toEqual({ memberCode: CODE, orderId, amountFen: 12800 })
    expect(text(container, '.staff-result-title')).toBe('消费已记录')
    expect(text(container, '.staff-result-points')).toBe('获得积分+153')
    expect(text(container, '.staff-result-note')).toBe('积分将在 7 天后到账（退货期内为待生效积分）')
    expect(text(container, '.staff-member-points--pending')).toBe('281待生效')

    await tap(container, '.staff-void')
    expect(showModal.mock.calls[1][0].title).toBe('确认撤销')
    expect(calls(`/v1/staff/actions/pur_${orderId}/void`)).toHaveLength(1)
    expect(text(container, '.staff-result-title')).toBe('消费已撤销')
    expect(container.querySelector('.staff-void')).toBeNull()
    expect(text(container, '.staff-member-points--pending')).toBe('128待生效')
  })

  it('shows a 银卡 member on 会员日 the points the server will post: tier multiplier and member-day extra included', async () => {
    // 银卡: ×1.2, +50% on 会员日 (the server says whether today is one) → 128 元 earns floor(128 × 1.7) = 217.
    const silverOnMemberDay = card({ tier: { code: 'silver', name: '银卡会员' }, earning: { pointsPerYuan: 1, multiplierPercent: 120, memberDayBonusPercent: 50, memberDay: true } })
    serve({ '/v1/staff/member-codes/verify': () => ok(silverOnMemberDay) })
    const { container } = await renderPage()
    await identify(container)
    await tap(container, '.staff-open-purchase')
    type(container, '.staff-amount-input', '128.00')
    expect(text(container, '.staff-amount-hint')).toBe('实付 ¥128.00，预计 +217 积分（待生效）')
    await tap(container, '.staff-purchase-submit')
    expect(showModal.mock.calls[0][0].content).toContain('预计积分 +217（待生效）')
  })

  it('says why a purchase with refunds cannot be voided, and keeps the result as it was', async () => {
    const message = '该订单已有退款，不能撤销；请对剩余金额退款'
    serve({ '/v1/staff/actions/*/void': () => refuse(422, 'till.void_after_refund', message) })
    const { container } = await renderPage()
    await identify(container)
    await purchase(container)
    await tap(container, '.staff-void')
    expect(showModal.mock.calls[1][0].content).toContain('已有退款的订单不能撤销')
    expect(text(container, '.staff-void-error')).toBe(message)
    expect(text(container, '.staff-result-title')).toBe('消费已记录')
  })

  it('does nothing when the clerk cancels the confirmation', async () => {
    serve()
    showModal.mockResolvedValue({ confirm: false })
    const { container } = await renderPage()
    await identify(container)
    await purchase(container)
    expect(calls('/v1/staff/purchases')).toHaveLength(0)
    expect(container.querySelector('.staff-purchase')).not.toBeNull()
  })

  it.each([
    ['', '请输入金额'],
    ['12.345', '金额最多两位小数'],
    ['-3', '金额格式不正确'],
  ])('refuses the amount %j inline', async (amount, message) => {
    serve()
    const { container } = await renderPage()
    await identify(container)
    await purchase(container, amount)
    expect(text(container, '.staff-amount-error')).toBe(message)
    expect(showModal).not.toHaveBeenCalled()
  })

  it('holds a coupon to show its discount, and releases it when the clerk cancels', async () => {
    const hold = jest.fn((o: RequestOptions) => ok({ code: coupon.code, status: 'held', orderId: o.data?.orderId, discountFen: 2000, giftName: null, holdUntil: 'x' }))
    serve({ [`/v1/staff/coupons/${coupon.code}/hold`]: hold, [`/v1/staff/coupons/${coupon.code}/release`]: () => ok({}) })
    showModal.mockResolvedValueOnce({ confirm: false })
    const { container } = await renderPage()
    await identify(container)
    await tap(container, '.staff-open-purchase')
    const orderId = (container.querySelector('.staff-order-input') as HTMLInputElement).value
    type(container, '.staff-amount-input', '128')
    await tap(container, '.staff-coupon-chip:nth-child(2)')
    await tap(container, '.staff-purchase-submit')

    expect(hold.mock.calls[0][0].data).toEqual({ orderId, amountFen: 12800 })
    expect(showModal.mock.calls[0][0].content).toBe(`订单 ${orderId}\n订单金额 ¥128.00\n优惠券抵扣 -¥20.00\n实付 ¥108.00\n预计积分 +129（待生效）`)
    expect(bodyOf(`/v1/staff/coupons/${coupon.code}/release`)).toEqual({ orderId })
    expect(text(container, '.staff-purchase-discount')).toBe('优惠 -¥20.00，实付 ¥108.00')

    await tap(container, '.staff-purchase-submit')
    expect(bodyOf('/v1/staff/purchases')).toEqual({ memberCode: CODE, orderId, amountFen: 12800, couponCode: coupon.code })
    expect(calls(`/v1/staff/coupons/${coupon.code}/release`)).toHaveLength(1)
  })

  it('resends the same order number when no answer arrived', async () => {
    let attempts = 0
    serve({ '/v1/staff/purchases': (o) => (++attempts <= 2 ? offline() : ok(tillAction({ orderId: String(o.data?.orderId), replayed: true }))) })
    const { container } = await renderPage()
    await identify(container)
    await purchase(container)
    await act(() => new Promise((resolve) => setTimeout(resolve, 700)))
    // The automatic retry also failed: the error stays, the form keeps its order number.
    expect(text(container, '.staff-form-error__text')).toBe('网络异常，请稍后重试')
    await tap(container, '.staff-purchase-submit')
    await act(() => new Promise((resolve) => setTimeout(resolve, 700)))
    const ids = calls('/v1/staff/purchases').map((o) => o.data?.orderId)
    expect(ids).toHaveLength(3)
    expect(new Set(ids).size).toBe(1)
    expect(text(container, '.staff-result-replay')).toBe('这笔操作此前已完成，以上为原结果，没有重复记录')
  })

  it('shows the server’s refusal, e.g. a manager is needed', async () => {
    serve({ '/v1/staff/purchases': () => refuse(403, 'till.manager_required', '单笔超过 5000 元的消费需店长操作') })
    const { container } = await renderPage()
    await identify(container)
    await purchase(container, '6000')
    expect(text(container, '.staff-form-error__text')).toBe('单笔超过 5000 元的消费需店长操作')
    expect(container.querySelector('.staff-identify--compact')).toBeNull()
  })

  it('takes the customer’s fresh code when theirs was used for another order, keeping the form', async () => {
    let first = true
    serve({
      '/v1/staff/purchases': (o) => (first ? ((first = false), refuse(409, 'member_code.replayed', '该会员码已用于另一笔交易，请让顾客刷新会员码')) : ok(tillAction({ orderId: String(o.data?.orderId) }))),
    })
    const { container } = await renderPage()
    await identify(container)
    await purchase(container)
    const orderId = bodyOf('/v1/staff/purchases')?.orderId
    expect(text(container, '.staff-form-error__text')).toBe('该会员码已用于另一笔交易，请让顾客刷新会员码')
    await identify(container.querySelector('.staff-identify--compact')!, '12345678905555')
    expect(container.querySelector('.staff-form-error')).toBeNull()
    expect((container.querySelector('.staff-amount-input') as HTMLInputElement).value).toBe('128.00')
    await tap(container, '.staff-purchase-submit')
    expect(bodyOf('/v1/staff/purchases')).toEqual({ memberCode: '12345678905555', orderId, amountFen: 12800 })
    expect(text(container, '.staff-result-title')).toBe('消费已记录')
  })

  it('redeems points within what the member has, showing their value', async () => {
    serve({ '/v1/staff/points/redemptions': (o) => ok(tillAction({ kind: 'redemption', actionId: 'red_x', orderId: String(o.data?.orderId), points: 300, discountFen: 300 })) })
    const { container } = await renderPage()
    await identify(container)
    await tap(container, '.staff-open-redeem')
    type(container, '.staff-points-input', '531')
    await tap(container, '.staff-redeem-submit')
    expect(text(container, '.staff-points-error')).toBe('最多可使用 530 积分')
    type(container, '.staff-points-input', '300')
    expect(text(container, '.staff-points-hint')).toBe('可抵扣 ¥3.00')
    await tap(container, '.staff-redeem-submit')
    const body = bodyOf('/v1/staff/points/redemptions')
    expect(body).toEqual({ memberCode: CODE, orderId: expect.stringMatching(/^SO/), points: 300 })
    expect(text(container, '.staff-result-title')).toBe('积分抵现成功')
    expect(text(container, '.staff-member-points--available')).toBe('230可用积分')

    // The same order's purchase comes next, under the same number.
    await tap(container, '.staff-continue')
    await tap(container, '.staff-open-purchase')
    expect((container.querySelector('.staff-order-input') as HTMLInputElement).value).toBe(body?.orderId)
  })

  it('refunds an order without a member code', async () => {
    serve({ '/v1/staff/refunds': (o) => ok(tillAction({ kind: 'refund', actionId: 'ref_x', orderId: String(o.data?.orderId), refundId: String(o.data?.refundId), amountFen: 6400, points: 64 })) })
    const { container } = await renderPage()
    await tap(container, '.staff-refund-entry')
    await tap(container, '.staff-refund-submit')
    expect(text(container, '.staff-refund-order-error')).toBe('请输入订单号')
    type(container, '.staff-refund-order-input', 'SO261125143012ABCDEF')
    type(container, '.staff-refund-amount-input', '64')
    const refundId = (container.querySelector('.staff-refund-id-input') as HTMLInputElement).value
    await tap(container, '.staff-refund-submit')
    expect(bodyOf('/v1/staff/refunds')).toEqual({ orderId: 'SO261125143012ABCDEF', refundId, amountFen: 6400 })
    expect(refundId).toMatch(/^RF/)
    expect(text(container, '.staff-result-title')).toBe('退款已处理')
    expect(text(container, '.staff-result-points')).toBe('扣回积分64')
    expect(container.querySelector('.staff-void')).toBeNull()
    await tap(container, '.staff-next')
    expect(container.querySelector('.staff-code-input')).not.toBeNull()
  })

  it('links managers to the audit, clerks only to the summary', async () => {
    serve()
    const { container } = await renderPage()
    expect(text(container, '.staff-role')).toBe('员工')
    expect(container.querySelector('.staff-audit-link')).toBeNull()
    await tap(container, '.staff-summary-link')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/summary/index' })
  })
})
