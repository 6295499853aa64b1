import { act, fireEvent, render } from '@testing-library/react'
import { firePageEvent, resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import { adminOperator, fail, managerOperator, never, resetConsole, serveRoutes } from '../lib/route-mock'
import ReferralsConsolePage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

const review = (n: number, over: object = {}) => ({
  at: `2026-11-2${n}T02:00:00.000Z`, kind: 'rejected', invitee: { id: `m_invitee000${n}`, name: `新人${n}`, phone: '137****0000' },
  referrer: { id: 'm_referrer001', name: '老会员', phone: null }, reason: 'not_new', reasonText: '被邀请人不是新会员', points: null, ...over,
})

const serve = (list: (q: Record<string, string>) => unknown, me: object = adminOperator) => serveRoutes({ getConsoleMe: () => me, listReferralsAdmin: (c) => list(c.query) })
const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector), (e) => e.textContent)
const tap = async (el: Element | null) => {
  await act(async () => {
    fireEvent.click(el!)
  })
}

async function renderPage() {
  const view = render(<ReferralsConsolePage />)
  await act(async () => {})
  return view
}

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('admin/referrals/index')
  resetConsole()
})

describe('referral review', () => {
  it('shows a skeleton while loading', async () => {
    serve(() => never())
    const { container } = await renderPage()
    expect(container.querySelector('.console-referrals-loading')).not.toBeNull()
  })

  it('lists refused binds by names with their reasons, pages on, and switches tabs', async () => {
    const api = serve((q) => {
      if (q.kind === 'clawed_back') return { items: [review(3, { kind: 'clawed_back', reasonText: '被邀请人退款', points: 50 })], nextCursor: null }
      return q.cursor ? { items: [review(2)], nextCursor: null } : { items: [review(1)], nextCursor: 'c1' }
    })
    const { container } = await renderPage()
    expect(api.of('listReferralsAdmin')[0].query).toEqual({ kind: 'rejected' })
    expect(texts(container, '.console-referral-row__time')).toEqual(['2026-11-21 10:00'])
    expect(texts(container, '.console-referral-row__invitee')).toEqual(['新人1 · 137****0000'])
    expect(texts(container, '.console-referral-row__referrer')).toEqual(['老会员'])
    expect(texts(container, '.console-referral-row__reason')).toEqual(['被邀请人不是新会员'])
    await act(() => firePageEvent('reachBottom'))
    expect(api.of('listReferralsAdmin').at(-1)!.query).toEqual({ kind: 'rejected', cursor: 'c1' })
    expect(texts(container, '.console-referral-row__invitee')).toHaveLength(2)

    await tap(container.querySelector('.console-referral-tabs__option--clawed_back'))
    expect(api.of('listReferralsAdmin').at(-1)!.query).toEqual({ kind: 'clawed_back' })
    expect(texts(container, '.console-referral-row__points')).toEqual(['50 积分'])
  })

  it('says so when a tab is empty', async () => {
    serve(() => ({ items: [], nextCursor: null }))
    const { container } = await renderPage()
    await tap(container.querySelector('.console-referral-tabs__option--capped'))
    expect(container.querySelector('.console-referrals-empty')?.textContent).toContain('没有因每日或每月上限未发奖励的邀请')
  })

  it('shows a failure with a retry', async () => {
    let down = true
    serve(() => (down ? fail(500) : { items: [review(1)], nextCursor: null }))
    const { container } = await renderPage()
    expect(container.querySelector('.console-referrals-error')?.textContent).toContain('邀请记录加载失败')
    down = false
    await tap(container.querySelector('.console-referrals-retry'))
    expect(container.querySelectorAll('.console-referral-row__invitee')).toHaveLength(1)
  })

  it('is for brand admins only', async () => {
    const api = serve(() => ({ items: [], nextCursor: null }), managerOperator)
    const { container } = await renderPage()
    expect(container.querySelector('.console-denied')).not.toBeNull()
    expect(api.of('listReferralsAdmin')).toEqual([])
  })
})
