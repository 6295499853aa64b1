import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { firePageEvent, resetTaroMock, setCurrentPage, setRouterParams } from '../../../test/taro-mock'
import { forgetOperator } from '../lib/use-operator'
import MemberPage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string; data?: unknown; header?: Record<string, string> }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>
const showModal = Taro.showModal as unknown as jest.Mock<Promise<{ confirm: boolean; cancel: boolean; errMsg: string }>, [{ title: string; content: string }]>

const ID = 'm_member00001'
const admin = { operator: { id: 'm_admin00001', name: '品牌小李', phone: '139****0001' }, role: 'admin', store: null }
const manager = { operator: { id: 'm_manager0001', name: '店长老王', phone: null }, role: 'manager', store: { id: 'store-1', name: '徐汇店' } }
const detail = (over: object = {}) => ({
  member: { id: ID, name: '小王', phone: '138****0001' }, avatarUrl: null, birthday: '05-01', roles: ['member', 'clerk'],
  createdAt: '2026-03-01T02:00:00.000Z', lastInteractionAt: '2026-11-20T12:00:00.000Z',
  tier: { code: 'silver', name: '银卡', growthFen: 120000, next: { code: 'gold', name: '金卡', thresholdFen: 150000 }, reviewOn: '2027-03-01' },
  points: {
    available: 1280, pending: 64, debt: 0, expiringSoon: null, lots: [{ month: '2027-03', points: 1000, lastDay: '2027-03-31' }, { month: '2027-06', points: 280, lastDay: '2027-06-30' }],
    lifetime: { earned: 2000, spent: 720, expired: 0, reversed: 0 },
  },
  consents: { privacyPolicyVersion: '2026-01', privacyAcceptedAt: '2026-03-01T02:00:00.000Z', marketing: { optIn: true, at: '2026-03-01T02:00:00.000Z' }, personalisation: { optIn: false, at: '2026-04-01T02:00:00.000Z' } },
  staff: { role: 'clerk', store: { id: 'store-1', name: '徐汇店' }, disabled: false },
  referral: { referrer: { id: 'm_friend00001', name: '老张', phone: '137****0002' }, invited: { joined: 3, qualified: 2, rejected: 1 } },
  shortId: '12345678', ...over,
})
const entry = (n: number, over: object = {}) => ({ id: `e${n}`, code: 'purchase', points: 128, balanceAfter: 1280, pendingAfter: 64, debtAfter: 0, ref: 'x', at: '2026-11-25T06:30:00.000Z', ...over })
const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })
const failure = (status = 500, code = 'internal', message = 'x'): Promise<Reply> => Promise.resolve({ statusCode: status, data: { error: { code, message } } })

type Routes = Record<string, (o: RequestOptions, q: URLSearchParams) => Promise<Reply>>
function serve(me: object, routes: Routes = {}) {
  const all: Routes = {
    [`/v1/admin/members/${ID}`]: () => ok(detail()),
    [`/v1/admin/members/${ID}/points/history`]: () => ok({ items: [entry(1)], nextCursor: null }),
    ...routes,
  }
  request.mockImplementation((o) => {
    const url = new URL(o.url, 'http://x')
    if (url.pathname === '/v1/admin/me') return ok(me)
    const route = all[url.pathname]
    return route ? route(o, url.searchParams) : Promise.reject(new Error(`unexpected ${o.url}`))
  })
}

const callsTo = (path: string) => request.mock.calls.map(([o]) => o).filter((o) => new URL(o.url, 'http://x').pathname === path)
const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector), (e) => e.textContent)

async function renderPage(id = ID) {
  setRouterParams({ id })
  const view = render(<MemberPage />)
  await act(async () => {})
  return view
}

async function tap(el: Element | null) {
  await act(async () => {
    fireEvent.click(el!)
  })
}

beforeEach(() => {
  resetTaroMock()
  forgetOperator()
  setCurrentPage('admin/member/index')
  Taro.setStorageSync('siyu.token', 'tok')
})

describe('member page', () => {
  it('shows the profile, points, consents, referral and staff card by name', async () => {
    serve(manager)
    const { container } = await renderPage()
    expect(container.querySelector('.console-member-name')?.textContent).toBe('小王')
    expect(container.querySelector('.console-member-phone')?.textContent).toBe('138****0001')
    expect(container.querySelector('.console-member-line--growth')?.textContent).toContain('近 12 个月消费 ¥1,200.00，再消费 ¥300.00 升级为 金卡')
    expect(container.querySelector('.console-member-line--created')?.textContent).toContain('2026-03-01 10:00')
    expect(container.querySelector('.console-member-points-available')?.textContent).toBe('1,280')
    expect(container.querySelector('.console-member-points-pending')?.textContent).toBe('64')
    expect(texts(container, '.console-member-lot__month')).toEqual(['2027-03 批次', '2027-06 批次'])
    expect(container.querySelector('.console-member-line--marketing')?.textContent).toContain('开启 · 2026-03-01 10:00')
    expect(container.querySelector('.console-member-line--personalisation')?.textContent).toContain('关闭')
    expect(container.querySelector('.console-member-line--referrer')?.textContent).toContain('老张 · 137****0002')
    expect(container.querySelector('.console-member-line--invited')?.textContent).toContain('加入 3 人 · 完成首单 2 人 · 未能加入 1 人')
    expect(container.querySelector('.console-member-line--staff-store')?.textContent).toContain('徐汇店')
    expect(container.textContent).not.toMatch(/m_friend|store-1/)
    // A manager sees the staff card but cannot disable or restore.
    expect(container.querySelector('.console-staff-disable')).toBeNull()
    expect(texts(container, '.console-history-entry__label')).toEqual(['消费积分（待生效）'])
    expect(texts(container, '.console-history-entry__points')).toEqual(['+128'])
  })

  it('shows skeletons, then a failure with a retry', async () => {
    let answer: () => Promise<Reply> = () => new Promise(() => {})
    serve(manager, { [`/v1/admin/members/${ID}`]: () => answer() })
    const { container, unmount } = await renderPage()
    expect(container.querySelector('.console-member-loading .nut-skeleton')).not.toBeNull()
    unmount()
    answer = () => failure()
    const view = await renderPage()
    expect(view.container.querySelector('.console-member-error')?.textContent).toContain('会员信息加载失败：服务暂时不可用，请稍后重试')
    answer = () => ok(detail())
    await tap(view.container.querySelector('.console-member-retry'))
    expect(view.container.querySelector('.console-member-name')?.textContent).toBe('小王')
  })

  it('says a member cannot be found for a broken id or a 404', async () => {
    serve(manager, { '/v1/admin/members/m_gone0000001': () => failure(404, 'member.not_found', '会员不存在') })
    const broken = await renderPage('abc')
    expect(broken.container.querySelector('.console-member-missing')?.textContent).toContain('找不到这位会员')
    expect(callsTo('/v1/admin/members/abc')).toEqual([])
    broken.unmount()
    const gone = await renderPage('m_gone0000001')
    expect(gone.container.querySelector('.console-member-missing')).not.toBeNull()
  })

  it('pages the history and filters it by kind', async () => {
    serve(manager, {
      [`/v1/admin/members/${ID}/points/history`]: (_, q) =>
        ok(q.get('code') ? { items: [entry(9, { code: 'adjustment', points: -50, note: '补录退款' })], nextCursor: null } : q.get('cursor') ? { items: [entry(2, { code: 'purchase_activation', points: 0 })], nextCursor: null } : { items: [entry(1)], nextCursor: 'c1' }),
    })
    const { container } = await renderPage()
    await act(() => firePageEvent('reachBottom'))
    expect(texts(container, '.console-history-entry__points')).toEqual(['+128', '待生效积分已到账'])
    await tap(container.querySelector('.console-history-filter--adjustment'))
    expect(new URL(callsTo(`/v1/admin/members/${ID}/points/history`).at(-1)!.url, 'http://x').searchParams.get('code')).toBe('adjustment')
    expect(texts(container, '.console-history-entry__points')).toEqual(['−50'])
    expect(container.querySelector('.console-history-entry__note')?.textContent).toBe('原因：补录退款')
  })

  it('opens the coupons, check-ins and referrals tabs', async () => {
    serve(manager, {
      [`/v1/admin/members/${ID}/coupons`]: (_, q) =>
        ok({ items: q.get('status') === 'used' ? [] : [{ code: '123456789012345678', templateId: 't1', memberId: ID, title: '满100减20', ruleText: '满100元减20元', benefit: { kind: 'amount_off', thresholdFen: 10000, offFen: 2000 }, stores: 'all', status: 'available', validFrom: '2026-11-01T00:00:00.000Z', validTo: '2026-12-01T00:00:00.000Z', lastDay: '2026-11-30', claimedAt: '2026-11-01T00:00:00.000Z', usedAt: null }], nextCursor: null }),
      [`/v1/admin/members/${ID}/checkins`]: () => ok({ month: '2026-11', today: '2026-11-25', checkedInToday: true, streak: 3, nextBonus: null, days: [{ date: '2026-11-24', points: 5, bonus: 0, makeup: false }, { date: '2026-11-25', points: 5, bonus: 10, makeup: true }], makeupDates: [], makeup: { cost: 20, reward: 5, used: 1, max: 2 } }),
      [`/v1/admin/members/${ID}/referrals`]: () => ok({ items: [{ name: '李*', status: 'rewarded', unrewardedReason: null, rejectedReason: null, boundAt: '2026-10-01T02:00:00.000Z', qualifiedAt: '2026-10-05T02:00:00.000Z' }], nextCursor: null }),
    })
    const { container } = await renderPage()
    await tap(container.querySelector('.console-member-tab--coupons'))
    expect(container.querySelector('.console-coupon__title')?.textContent).toBe('满100减20')
    expect(container.querySelector('.console-coupon')?.textContent).toContain('1234 5678 9012 3456 78')
    await tap(container.querySelector('.console-coupon-filter--used'))
    expect(container.querySelector('.console-coupons-empty')?.textContent).toContain('没有已使用的券')
    await tap(container.querySelector('.console-member-tab--checkins'))
    expect(container.querySelector('.console-checkin-streak')?.textContent).toBe('已连续签到 3 天')
    expect(texts(container, '.console-checkin-day__date')).toEqual(['2026-11-24', '2026-11-25（补签）'])
    expect(texts(container, '.console-checkin-day__points')).toEqual(['+5', '+15（含连签 10）'])
    await tap(container.querySelector('.console-checkin-prev'))
    expect(new URL(callsTo(`/v1/admin/members/${ID}/checkins`).at(-1)!.url, 'http://x').searchParams.get('month')).toBe('2026-10')
    await tap(container.querySelector('.console-member-tab--referrals'))
    expect(container.querySelector('.console-referral__name')?.textContent).toBe('李*')
    expect(container.querySelector('.console-referral__status')?.textContent).toBe('奖励已到账')
  })
})

describe('points adjustment', () => {
  const adjustments = () => callsTo('/v1/admin/points/adjustments')

  async function fill(container: HTMLElement, points: string, reason: string) {
    fireEvent.change(container.querySelector('.console-adjust-points')!, { target: { value: points } })
    fireEvent.change(container.querySelector('.console-adjust-reason')!, { target: { value: reason } })
    await tap(container.querySelector('.console-adjust-submit'))
  }

  it('requires a signed amount and a reason, said inline, before asking anything', async () => {
    serve(manager)
    const { container } = await renderPage()
    await fill(container, '0', ' 好')
    expect(container.querySelector('.console-adjust-points-error')?.textContent).toBe('调整积分不能为 0')
    expect(container.querySelector('.console-adjust-reason-error')?.textContent).toContain('至少 2 个字')
    await fill(container, '12.5', '补录消费')
    expect(container.querySelector('.console-adjust-points-error')?.textContent).toBe('请输入整数，如 50 或 -50')
    expect(container.querySelector('.console-adjust-reason-error')).toBeNull()
    expect(Taro.showModal).not.toHaveBeenCalled()
    expect(adjustments()).toEqual([])
  })

  it('confirms by name, sends the reason with an Idempotency-Key, then refreshes points and history', async () => {
    let available = 1280
    serve(manager, {
      [`/v1/admin/members/${ID}`]: () => ok(detail({ points: { ...detail().points, available } })),
      '/v1/admin/points/adjustments': () => {
        available = 1230
        return ok({ entry: entry(5, { code: 'adjustment', points: -50, note: '补录退款' }), replayed: false })
      },
    })
    const { container } = await renderPage()
    const historyBefore = callsTo(`/v1/admin/members/${ID}/points/history`).length
    await fill(container, '−50', '  补录退款 ')
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '为 小王 扣减 50 积分，原因：补录退款' }))
    const [call] = adjustments()
    expect(call.method).toBe('POST')
    expect(call.data).toEqual({ memberId: ID, points: -50, reason: '补录退款' })
    expect(call.header?.['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(container.querySelector('.console-member-points-available')?.textContent).toBe('1,230')
    expect(callsTo(`/v1/admin/members/${ID}/points/history`).length).toBe(historyBefore + 1)
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已调整 −50' }))
    expect((container.querySelector('.console-adjust-reason') as HTMLInputElement).value).toBe('')
  })

  it('sends nothing when the confirm is cancelled', async () => {
    serve(manager)
    showModal.mockImplementation(() => Promise.resolve({ confirm: false, cancel: true, errMsg: 'showModal:ok' }))
    const { container } = await renderPage()
    await fill(container, '50', '生日补偿')
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '为 小王 增加 50 积分，原因：生日补偿' }))
    expect(adjustments()).toEqual([])
  })

  it('shows a refusal in Chinese, and a repeated tap for the same adjustment reuses its key', async () => {
    let answer = () => failure(400, 'points.insufficient', '可用积分不足，无法扣减')
    serve(manager, { '/v1/admin/points/adjustments': () => answer() })
    const { container } = await renderPage()
    await fill(container, '-5000', '补录退款')
    expect(container.querySelector('.console-adjust-error')?.textContent).toBe('调整失败：可用积分不足，无法扣减')
    answer = () => ok({ entry: entry(5, { code: 'adjustment', points: -5000 }), replayed: true })
    await tap(container.querySelector('.console-adjust-submit'))
    const [first, second] = adjustments()
    expect(second.header?.['Idempotency-Key']).toBe(first.header?.['Idempotency-Key'])
    expect(container.querySelector('.console-adjust-error')).toBeNull()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '此调整已记录' }))
    // A new adjustment after a success is a new action with a new key.
    await fill(container, '-5000', '补录退款')
    expect(adjustments()[2].header?.['Idempotency-Key']).not.toBe(first.header?.['Idempotency-Key'])
  })
})

describe('staff rights', () => {
  it('lets an admin disable a staff member after a confirm, then restore them', async () => {
    let disabled = false
    serve(admin, {
      [`/v1/admin/members/${ID}`]: () => ok(detail({ staff: { role: 'clerk', store: { id: 'store-1', name: '徐汇店' }, disabled } })),
      [`/v1/admin/staff/${ID}/disable`]: () => ((disabled = true), ok({})),
      [`/v1/admin/staff/${ID}/restore`]: () => ((disabled = false), ok({})),
    })
    const { container } = await renderPage()
    await tap(container.querySelector('.console-staff-disable'))
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '停用员工', content: expect.stringContaining('小王 立即失去徐汇店的店员权限') }))
    expect(callsTo(`/v1/admin/staff/${ID}/disable`)).toHaveLength(1)
    expect(container.querySelector('.console-member-line--staff-status')?.textContent).toContain('已停用')
    await tap(container.querySelector('.console-staff-restore'))
    expect(callsTo(`/v1/admin/staff/${ID}/restore`)).toHaveLength(1)
    expect(container.querySelector('.console-staff-disable')).not.toBeNull()
  })

  it('shows no staff card for a plain member', async () => {
    serve(admin, { [`/v1/admin/members/${ID}`]: () => ok(detail({ staff: null, roles: ['member'] })) })
    const { container } = await renderPage()
    expect(container.querySelector('.console-member-staff')).toBeNull()
    expect(container.querySelector('.console-staff-disable')).toBeNull()
  })
})
