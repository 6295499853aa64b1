import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { MyTier } from '@/store/tier'
import { firePageEvent, resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import TierPage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const gift = (points: number, coupons: { templateId: string; title: string }[] = []) => ({ points, coupons })
const LADDER: MyTier['ladder'] = [
  { code: 'base', name: '普通会员', thresholdFen: 0, multiplierPercent: 100, memberDayBonusPercent: 0, upgradeGift: gift(0), birthdayGift: gift(50) },
  { code: 'silver', name: '银卡会员', thresholdFen: 100_000, multiplierPercent: 120, memberDayBonusPercent: 50, upgradeGift: gift(100), birthdayGift: gift(100) },
  { code: 'gold', name: '金卡会员', thresholdFen: 500_000, multiplierPercent: 150, memberDayBonusPercent: 50, upgradeGift: gift(300, [{ templateId: 'ct_gold', title: '金卡 50 元券' }]), birthdayGift: gift(200) },
  { code: 'diamond', name: '钻石会员', thresholdFen: 2_000_000, multiplierPercent: 200, memberDayBonusPercent: 100, upgradeGift: gift(1000), birthdayGift: gift(500) },
]
const growthWindow = { fromMonth: '2025-12', toMonth: '2026-11' }

const base: MyTier = {
  tier: { code: 'base', name: '普通会员' }, growthFen: 12_350, window: growthWindow, next: { code: 'silver', name: '银卡会员', needFen: 87_650 }, keep: null,
  memberDayWeekday: 3, ladder: LADDER, provisional: [], history: [],
}
const silver: MyTier = {
  ...base, tier: { code: 'silver', name: '银卡会员' }, growthFen: 120_000, next: { code: 'gold', name: '金卡会员', needFen: 380_000 },
  keep: { needFen: 0, by: '2027-11-20' },
  history: [
    { at: '2026-11-20T04:00:00.000Z', from: 'base', to: 'silver', reason: 'upgrade', growthFen: 120_000 },
  ],
}
const diamond: MyTier = {
  ...base, tier: { code: 'diamond', name: '钻石会员' }, growthFen: 1_500_000, next: null, keep: { needFen: 500_000, by: '2027-03-01' },
  history: [
    { at: '2026-03-01T16:30:00.000Z', from: 'diamond', to: 'diamond', reason: 'review_keep', growthFen: 2_100_000 },
    { at: '2025-09-10T02:00:00.000Z', from: 'gold', to: 'diamond', reason: 'upgrade', growthFen: 2_000_000 },
    { at: '2025-04-02T02:00:00.000Z', from: 'platinum', to: 'gold', reason: 'review_drop', growthFen: 600_000 },
  ],
}

/** A purchase made gold a day ago; both it and the silver it passed wait for the return window. */
const provisionalGold: MyTier = {
  ...base, tier: { code: 'gold', name: '金卡会员' }, growthFen: 520_000, next: { code: 'diamond', name: '钻石会员', needFen: 1_480_000 },
  keep: { needFen: 0, by: '2027-11-19' },
  provisional: [
    { tier: { code: 'gold', name: '金卡会员' }, from: { code: 'base', name: '普通会员' }, until: '2026-11-26T04:00:00.000Z', giftPoints: 400, giftCoupons: [{ templateId: 'ct_gold', title: '金卡 50 元券' }] },
  ],
  history: [
    { at: '2026-11-20T05:00:00.000Z', from: 'gold', to: 'silver', reason: 'reversal', growthFen: 120_000, orderId: 'o-2' },
    { at: '2026-11-19T04:00:00.000Z', from: 'base', to: 'gold', reason: 'upgrade', growthFen: 520_000, orderId: 'o-1' },
  ],
}
const NOW = new Date('2026-11-20T06:00:00.000Z')

const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })
const failure = (): Promise<Reply> => Promise.resolve({ statusCode: 500, data: { error: { code: 'internal', message: 'boom' } } })

function serve(reply: () => Promise<Reply>) {
  request.mockImplementation((o) => (new URL(o.url, 'http://x').pathname === '/v1/me/tier' ? reply() : Promise.reject(new Error(`unexpected ${o.url}`))))
}

async function renderPage() {
  const view = render(<TierPage clock={() => NOW} />)
  await act(async () => {})
  return view
}

const text = (root: Element, selector: string) => root.querySelector(selector)?.textContent
const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector)).map((e) => e.textContent)
const progress = (root: Element) => root.querySelector<HTMLElement>('.tier-progress__bar')!.style.width
const row = (root: Element, key: string) => texts(root, `.tier-benefits-row--${key} .tier-benefits__cell`)

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('pages/tier/index')
  Taro.setStorageSync('siyu.token', 'tok')
})

describe('会员等级 page', () => {
  it('shows skeletons while the tier loads', async () => {
    serve(() => new Promise<Reply>(() => {}))
    const { container } = await renderPage()
    expect(container.querySelectorAll('.tier-loading .nut-skeleton')).toHaveLength(2)
    expect(container.querySelector('.tier-card')).toBeNull()
  })

  it('shows a failed load with a retry that loads the page', async () => {
    let reply = failure
    serve(() => reply())
    const { container } = await renderPage()
    expect(text(container, '.tier-error__text')).toBe('会员等级加载失败：服务暂时不可用，请稍后重试')
    expect(Taro.showToast).not.toHaveBeenCalled()
    reply = () => ok(base)
    await act(async () => {
      fireEvent.click(container.querySelector('.tier-retry')!)
    })
    expect(container.querySelector('.tier-error')).toBeNull()
    expect(text(container, '.tier-name')).toBe('普通会员')
  })

  it('shows a base member the way to the next tier, the window, the member day and no keep line', async () => {
    serve(() => ok(base))
    const { container } = await renderPage()
    expect(text(container, '.tier-name')).toBe('普通会员')
    expect(container.querySelector('.tier-card--level-0')).not.toBeNull()
    expect(text(container, '.tier-next')).toBe('再消费 ¥876.50 升级银卡会员')
    expect(progress(container)).toBe('12%')
    expect(text(container, '.tier-growth')).toBe('近 12 个月消费 ¥123.50（2025-12 至 2026-11）')
    expect(container.querySelector('.tier-keep')).toBeNull()
    expect(text(container, '.tier-member-day__text')).toBe('每周三为会员日，消费额外加送积分')
    expect(text(container, '.tier-history-empty')).toContain('暂无等级变动')
  })

  it('lays out every tier’s benefits, the member’s own highlighted', async () => {
    serve(() => ok(base))
    const { container } = await renderPage()
    expect(texts(container, '.tier-benefits-tier__name')).toEqual(['普通会员', '银卡会员', '金卡会员', '钻石会员'])
    expect(row(container, 'threshold')).toEqual(['注册即享', '¥1,000', '¥5,000', '¥20,000'])
    expect(row(container, 'multiplier')).toEqual(['1 倍', '1.2 倍', '1.5 倍', '2 倍'])
    expect(row(container, 'member-day')).toEqual(['—', '+0.5 倍', '+0.5 倍', '+1 倍'])
    expect(row(container, 'upgrade-gift')).toEqual(['—', '100 积分', '300 积分 + 金卡 50 元券', '1000 积分'])
    expect(row(container, 'birthday-gift')).toEqual(['50 积分', '100 积分', '200 积分', '500 积分'])
    expect(texts(container, '.tier-benefits__head .tier-benefits__cell--current .tier-benefits-tier__name')).toEqual(['普通会员'])
    expect(texts(container, '.tier-benefits-row--multiplier .tier-benefits__cell--current')).toEqual(['1 倍'])
    expect(text(container, '.tier-benefits__note')).toBe('门槛按近 12 个月的消费金额计算（退款不计入）')
  })

  it('shows a middle tier with its keep line, progress to the next tier and the upgrade in the history', async () => {
    serve(() => ok(silver))
    const { container } = await renderPage()
    expect(text(container, '.tier-name')).toBe('银卡会员')
    expect(container.querySelector('.tier-card--level-1')).not.toBeNull()
    expect(text(container, '.tier-next')).toBe('再消费 ¥3,800 升级金卡会员')
    expect(progress(container)).toBe('24%')
    expect(text(container, '.tier-keep')).toBe('已达到保级条件')
    expect(container.querySelector('.tier-keep--done')).not.toBeNull()
    expect(texts(container, '.tier-benefits-row--multiplier .tier-benefits__cell--current')).toEqual(['1.2 倍'])
    expect(texts(container, '.tier-history-row')).toEqual(['普通会员 → 银卡会员2026-11-20升级'])
  })

  it('says an upgrade is not confirmed yet: when it will be, its gift points pending and its coupons to come, and what could undo it', async () => {
    serve(() => ok(provisionalGold))
    const { container } = await renderPage()
    expect(text(container, '.tier-name')).toBe('金卡会员')
    expect(text(container, '.tier-card__pending')).toBe('待确认')
    expect(texts(container, '.tier-provisional-row__when')).toEqual(['金卡会员：6 天后（2026-11-26）确认'])
    expect(texts(container, '.tier-provisional-row__gift')).toEqual(['升级礼 400 积分待生效，金卡 50 元券确认后发放'])
    expect(text(container, '.tier-provisional__note')).toContain('退款或撤销后，将按剩余消费重新评估等级')
    expect(texts(container, '.tier-history-row__reason')).toEqual(['订单退款/撤销', '升级'])
  })

  it('shows no pending mark and no 升级待确认 card once the upgrades are confirmed', async () => {
    serve(() => ok(silver))
    const { container } = await renderPage()
    expect(container.querySelector('.tier-card__pending')).toBeNull()
    expect(container.querySelector('.tier-provisional')).toBeNull()
  })

  it('shows the top tier as the highest, with what keeps it and a full bar', async () => {
    serve(() => ok(diamond))
    const { container } = await renderPage()
    expect(text(container, '.tier-name')).toBe('钻石会员')
    expect(text(container, '.tier-next')).toBe('已是最高等级')
    expect(progress(container)).toBe('100%')
    expect(text(container, '.tier-keep')).toBe('再消费 ¥5,000 保级，截止 2027-03-01')
    expect(container.querySelector('.tier-keep--done')).toBeNull()
  })

  it('lists the history newest first with dates, tier names and reasons', async () => {
    serve(() => ok(diamond))
    const { container } = await renderPage()
    expect(texts(container, '.tier-history-row__date')).toEqual(['2026-03-02', '2025-09-10', '2025-04-02'])
    expect(texts(container, '.tier-history-row__change')).toEqual(['钻石会员', '金卡会员 → 钻石会员', 'platinum → 金卡会员'])
    expect(texts(container, '.tier-history-row__reason')).toEqual(['保级成功', '升级', '降级'])
    expect(container.querySelector('.tier-history-empty')).toBeNull()
  })

  it('leaves out the member day when the program has none', async () => {
    serve(() => ok({ ...base, memberDayWeekday: null }))
    const { container } = await renderPage()
    expect(container.querySelector('.tier-member-day')).toBeNull()
    expect(container.querySelector('.tier-benefits-row--member-day')).toBeNull()
    expect(row(container, 'multiplier')).toHaveLength(4)
  })

  it('pull-down refresh reloads the tier, then stops the spinner', async () => {
    let data = base
    serve(() => ok(data))
    const { container } = await renderPage()
    data = silver
    await act(() => firePageEvent('pullDownRefresh'))
    expect(text(container, '.tier-name')).toBe('银卡会员')
    expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(1)
  })

  it('keeps what it shows when a refresh fails', async () => {
    let reply = () => ok(base)
    serve(() => reply())
    const { container } = await renderPage()
    reply = failure
    await act(() => firePageEvent('pullDownRefresh'))
    expect(text(container, '.tier-name')).toBe('普通会员')
    expect(container.querySelector('.tier-error')).toBeNull()
  })
})
