import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { defaultProgramRules, type ProgramRules } from '@siyu/shared/rules/program-rules'
import { resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import { adminOperator, fail, managerOperator, never, resetConsole, serveRoutes } from '../lib/route-mock'
import { earliestEffectiveOn } from './schedule'
import RulesConsolePage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

const rules = (version: number, over: Partial<ProgramRules> = {}): ProgramRules => ({ ...defaultProgramRules(), version, ...over })
const person = { id: 'm_admin000001', name: '运营小李', phone: '139****0001' }
const version = (n: number, over: object = {}) => ({
  version: n, publishedAt: '2026-11-20T04:05:00.000Z', publishedBy: person, scheduledChangeId: null,
  changes: [{ path: 'earning.pointsPerYuan', label: '积分规则 › 每消费 1 元积分', before: `${n - 1} 积分`, after: `${n} 积分` }], ...over,
})
const scheduledChange = {
  id: 'rc_0123456789ab', status: 'scheduled', effectiveOn: '2027-01-05', notice: '自 2027-01-05 起每消费 1 元积 2 分',
  changes: [{ path: 'earning.pointsPerYuan', label: '积分规则 › 每消费 1 元积分', before: '1 积分', after: '2 积分' }],
  createdAt: '2026-12-01T02:00:00.000Z', createdBy: person, appliedVersion: null, failure: null,
}

type Handlers = Parameters<typeof serveRoutes>[0]
function serve(over: Handlers = {}) {
  let current = rules(4)
  return serveRoutes({
    getConsoleMe: () => adminOperator,
    getAdminProgram: () => current,
    putAdminProgram: (c) => (current = { ...(c.body as { rules: ProgramRules }).rules, version: current.version + 1 }),
    listScheduledChanges: () => ({ items: [] }),
    listProgramVersions: () => ({ items: [version(4)], nextCursor: null }),
    scheduleProgramChange: () => scheduledChange,
    ...over,
  })
}

const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector), (e) => e.textContent)
const input = (root: Element, path: string) => root.querySelector<HTMLInputElement>(`.console-rules-field--${path} input`)!
const button = (root: Element, cls: string) => root.querySelector<HTMLButtonElement>(`.${cls}`)!
const modal = Taro.showModal as unknown as jest.Mock

async function renderPage() {
  const view = render(<RulesConsolePage />)
  await act(async () => {})
  return view
}
async function type(root: Element, path: string, value: string) {
  await act(async () => {
    fireEvent.change(input(root, path), { target: { value } })
  })
}
async function tap(el: Element) {
  await act(async () => {
    fireEvent.click(el)
  })
}

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('admin/rules/index')
  resetConsole()
})

describe('rules console: editing', () => {
  it('shows each tab’s fields with their units and hints, fen as 元', async () => {
    serve()
    const { container } = await renderPage()
    expect(texts(container, '.console-rules-tab')).toEqual(['积分规则', '签到', '等级', '邀请', '收银规则'])
    expect(input(container, 'earning-pointsPerYuan').value).toBe('1')
    expect(container.querySelector('.console-rules-field--earning-pointsPerYuan')?.textContent).toContain('分/元')
    expect(container.querySelector('.console-rules-field--points-expiryMonths-hint')?.textContent).toContain('0 为长期有效')

    await tap(container.querySelector('.console-rules-tab--tiers')!)
    expect(input(container, 'tiers-1-thresholdFen').value).toBe('1000')
    expect(input(container, 'tiers-1-multiplierPercent').value).toBe('120')
    expect(container.querySelector('.console-rules-weekday__option--3')?.className).toContain('console-tabs__tab--active')
    await tap(container.querySelector('.console-rules-tab--checkin')!)
    expect(input(container, 'checkin-bonuses-0-day').value).toBe('7')
    await tap(container.querySelector('.console-rules-list--checkin-bonuses__add')!)
    expect(input(container, 'checkin-bonuses-1-day').value).toBe('6')
    expect(texts(container, '.console-rules-diff__item')).toEqual(['签到 › 第 6 天奖励：新增：额外 10 积分'])
  })

  it('shows an invalid value’s message at its field and in the summary, and blocks saving', async () => {
    const api = serve()
    const { container } = await renderPage()
    await type(container, 'earning-pointsPerYuan', '-1')
    expect(container.querySelector('.console-rules-field--earning-pointsPerYuan-error')?.textContent).toBe('不能小于 0 分/元')
    expect(texts(container, '.console-rules-issues__item')).toEqual(['积分规则 › 每元积分：不能小于 0 分/元'])
    expect(container.querySelector('.console-rules-tab--earning')?.textContent).toBe('积分规则（1）')
    expect(container.querySelector('.console-rules-blocked')?.textContent).toContain('有 1 处需要修正')
    expect(button(container, 'console-rules-save').disabled).toBe(true)
    await tap(button(container, 'console-rules-save'))
    expect(api.of('putAdminProgram')).toEqual([])

    await type(container, 'earning-pointsPerYuan', '1.5')
    expect(container.querySelector('.console-rules-field--earning-pointsPerYuan-error')?.textContent).toBe('请输入整数')
    await type(container, 'earning-pointsPerYuan', '2')
    expect(container.querySelector('.console-rules-issues')).toBeNull()
    expect(button(container, 'console-rules-save').disabled).toBe(false)
  })

  it('shows a ladder’s own rule above the list, and opens its tab from the summary', async () => {
    serve()
    const { container } = await renderPage()
    await tap(container.querySelector('.console-rules-tab--tiers')!)
    await type(container, 'tiers-2-thresholdFen', '800')
    await tap(container.querySelector('.console-rules-tab--till')!)
    expect(texts(container, '.console-rules-issues__item')).toEqual(['等级：各级门槛必须递增'])
    await tap(container.querySelector('.console-rules-issues__item')!)
    expect(container.querySelector('.console-rules-issue--tiers')?.textContent).toBe('各级门槛必须递增')
  })

  it('saves now after a confirm: the diff first, then the document without its version', async () => {
    const api = serve()
    const { container } = await renderPage()
    await type(container, 'earning-pointsPerYuan', '2')
    await tap(container.querySelector('.console-rules-tab--till')!)
    await type(container, 'till-managerApprovalFen', '6000.5')
    expect(texts(container, '.console-rules-diff__item')).toEqual(['积分规则 › 每消费 1 元积分：1 积分 → 2 积分', '收银规则 › 需店长审批的金额：¥5,000.00 → ¥6,000.50'])
    await tap(button(container, 'console-rules-save'))
    expect(modal.mock.calls.at(-1)?.[0]).toMatchObject({ title: '立即保存', content: expect.stringContaining('共 2 项变更') })
    const [put] = api.of('putAdminProgram')
    const body = put.body as { baseVersion: number; rules: ProgramRules }
    expect(body.baseVersion).toBe(4)
    expect(body.rules).not.toHaveProperty('version')
    expect(body.rules.earning).toEqual({ pointsPerYuan: 2 })
    expect(body.rules.till.managerApprovalFen).toBe(600_050)
    expect(container.querySelector('.console-rules-panel .card__title')?.textContent).toContain('当前版本 5')
    expect(container.querySelector('.console-rules-unchanged')?.textContent).toBe('尚未修改规则。')
    expect(api.of('listProgramVersions')).toHaveLength(2)
  })

  it('on a stale save says another operator changed the rules, and reloads after a confirm', async () => {
    const api = serve({ putAdminProgram: () => fail(409, 'rules.version_conflict', '规则已更新') })
    const { container } = await renderPage()
    await type(container, 'earning-pointsPerYuan', '2')
    await tap(button(container, 'console-rules-save'))
    expect(container.querySelector('.console-rules-conflict')?.textContent).toContain('规则已被他人修改')
    expect(Taro.showToast).not.toHaveBeenCalled()

    modal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await tap(button(container, 'console-rules-reload'))
    expect(api.of('getAdminProgram')).toHaveLength(1)
    expect(input(container, 'earning-pointsPerYuan').value).toBe('2')

    await tap(button(container, 'console-rules-reload'))
    expect(modal.mock.calls.at(-1)?.[0]).toMatchObject({ title: '重新加载', content: expect.stringContaining('放弃') })
    expect(api.of('getAdminProgram')).toHaveLength(2)
    expect(input(container, 'earning-pointsPerYuan').value).toBe('1')
    expect(container.querySelector('.console-rules-conflict')).toBeNull()
  })
})

describe('rules console: scheduling', () => {
  it('schedules earn-rate and tier changes with a notice, under an idempotency key', async () => {
    let scheduled: unknown[] = []
    const api = serve({ listScheduledChanges: () => ({ items: scheduled }), scheduleProgramChange: () => ((scheduled = [scheduledChange]), scheduledChange) })
    const { container } = await renderPage()
    await type(container, 'earning-pointsPerYuan', '2')
    await tap(container.querySelector('.console-rules-tab--tiers')!)
    await type(container, 'tiers-1-thresholdFen', '800')
    await tap(container.querySelector('.console-rules-schedule-toggle')!)

    const earliest = earliestEffectiveOn(new Date(), 30)
    expect(container.querySelector<HTMLInputElement>('.console-rules-effective-on input')!.value).toBe(earliest)
    expect(container.querySelector('.console-rules-effective-on-row-hint')?.textContent).toContain('须提前 30 天公告')
    const notice = container.querySelector<HTMLTextAreaElement>('.console-rules-notice textarea')!
    expect(notice.value).toBe(`自 ${earliest} 起，会员规则调整：等级 › 银卡会员 › 门槛：¥1,000.00 → ¥800.00；积分规则 › 每消费 1 元积分：1 积分 → 2 积分。`)
    expect(container.querySelector('.console-rules-save')).toBeNull()

    await act(async () => {
      fireEvent.change(notice, { target: { value: '  下月起每消费 1 元积 2 分，银卡门槛降至 800 元  ' } })
    })
    await tap(button(container, 'console-rules-schedule-submit'))
    const [call] = api.of('scheduleProgramChange')
    expect(call.headers['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    const rulesNow = defaultProgramRules()
    expect(call.body).toEqual({
      baseVersion: 4,
      effectiveOn: earliest,
      notice: '下月起每消费 1 元积 2 分，银卡门槛降至 800 元',
      sections: { earning: { pointsPerYuan: 2 }, tiers: rulesNow.tiers.map((t, i) => (i === 1 ? { ...t, thresholdFen: 80_000 } : t)) },
    })
    expect(api.of('putAdminProgram')).toEqual([])
    // The edit is now in the schedule: the form starts again from the current version.
    expect(input(container, 'tiers-1-thresholdFen').value).toBe('1000')
    expect(texts(container, '.console-rules-scheduled-item__notice')).toEqual([scheduledChange.notice])
  })

  it('refuses a date inside the notice period and a notice too short', async () => {
    const api = serve()
    const { container } = await renderPage()
    await type(container, 'earning-pointsPerYuan', '2')
    await tap(container.querySelector('.console-rules-schedule-toggle')!)
    await act(async () => {
      fireEvent.change(container.querySelector('.console-rules-effective-on input')!, { target: { value: '2020-01-01' } })
      fireEvent.change(container.querySelector('.console-rules-notice textarea')!, { target: { value: '改' } })
    })
    await tap(button(container, 'console-rules-schedule-submit'))
    expect(container.querySelector('.console-rules-effective-on-row-error')?.textContent).toContain('须提前 30 天公告：最早')
    expect(container.querySelector('.console-rules-notice-row-error')?.textContent).toContain('至少 5 个字')
    expect(api.of('scheduleProgramChange')).toEqual([])
  })

  it('offers no schedule when the member day changed: it must be saved now', async () => {
    serve()
    const { container } = await renderPage()
    await type(container, 'earning-pointsPerYuan', '2')
    await tap(container.querySelector('.console-rules-tab--tiers')!)
    await tap(container.querySelector('.console-rules-weekday__option--none')!)
    expect(container.querySelector<HTMLInputElement>('.console-rules-schedule-toggle')!.disabled).toBe(true)
    expect(container.querySelector('.console-rules-schedule-block')?.textContent).toContain('会员日不在可定时的规则内')
    expect(texts(container, '.console-rules-diff__item')).toContain('会员日 › 星期：周三 → 不设会员日')
    expect(button(container, 'console-rules-save').disabled).toBe(false)
  })

  it('lists scheduled changes and cancels one after a confirm', async () => {
    let items: unknown[] = [scheduledChange, { ...scheduledChange, id: 'rc_0123456789cd', status: 'applied', appliedVersion: 3 }]
    const api = serve({
      listScheduledChanges: () => ({ items }),
      cancelScheduledChange: () => ((items = [{ ...scheduledChange, status: 'cancelled' }]), items[0]),
    })
    const { container } = await renderPage()
    expect(texts(container, '.console-rules-scheduled-item__status')).toEqual(['待生效', '已生效'])
    expect(texts(container, '.console-rules-scheduled-changes__item')[0]).toBe('积分规则 › 每消费 1 元积分：1 积分 → 2 积分')
    expect(container.querySelector('.console-rules-scheduled-item')?.textContent).toContain('运营小李 · 139****0001')
    expect(container.querySelectorAll('.console-rules-cancel')).toHaveLength(1)
    await tap(button(container, 'console-rules-cancel'))
    expect(api.of('cancelScheduledChange')[0].params).toEqual({ id: 'rc_0123456789ab' })
    expect(texts(container, '.console-rules-scheduled-item__status')).toEqual(['已取消'])
  })
})

describe('rules console: history and states', () => {
  it('lists versions with their publisher’s name and changes, paged', async () => {
    const api = serve({
      listProgramVersions: (c) =>
        c.query.cursor ? { items: [version(2, { publishedBy: null, scheduledChangeId: 'rc_0123456789ab' })], nextCursor: null } : { items: [version(4), version(3)], nextCursor: 'c1' },
    })
    const { container } = await renderPage()
    expect(texts(container, '.console-rules-version__title')).toEqual(['版本 4', '版本 3'])
    expect(texts(container, '.console-rules-version__meta')[0]).toBe('2026-11-20 12:05 · 运营小李 · 139****0001')
    expect(texts(container, '.console-rules-version-changes__item')[0]).toBe('积分规则 › 每消费 1 元积分：3 积分 → 4 积分')
    await tap(container.querySelector('.console-rules-versions-footer')!)
    expect(api.of('listProgramVersions').at(-1)!.query).toEqual({ cursor: 'c1', limit: '20' })
    expect(texts(container, '.console-rules-version__title')[2]).toBe('版本 2 · 定时发布')
    expect(texts(container, '.console-rules-version__meta')[2]).toContain('系统')
  })

  it('shows skeletons, then empty lists', async () => {
    serve({ getAdminProgram: never, listScheduledChanges: never, listProgramVersions: never })
    const loading = await renderPage()
    expect(loading.container.querySelector('.console-rules-loading')).not.toBeNull()
    expect(loading.container.querySelector('.console-rules-scheduled-loading')).not.toBeNull()
    loading.unmount()
    serve({ listProgramVersions: () => ({ items: [], nextCursor: null }) })
    const { container } = await renderPage()
    expect(container.querySelector('.console-rules-scheduled-empty')?.textContent).toContain('没有已计划的变更')
    expect(container.querySelector('.console-rules-versions-empty')?.textContent).toContain('暂无历史版本')
  })

  it('shows a failure to load the rules with a retry', async () => {
    let down = true
    serve({ getAdminProgram: () => (down ? fail(500) : rules(4)) })
    const { container } = await renderPage()
    expect(container.querySelector('.console-rules-error')?.textContent).toContain('规则加载失败')
    down = false
    await tap(container.querySelector('.console-rules-retry')!)
    expect(input(container, 'earning-pointsPerYuan').value).toBe('1')
  })

  it('is for brand admins only', async () => {
    const api = serve({ getConsoleMe: () => managerOperator })
    const { container } = await renderPage()
    expect(container.querySelector('.console-denied')?.textContent).toContain('无权限')
    expect(api.of('getAdminProgram')).toEqual([])
  })
})
