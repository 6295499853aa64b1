import type { Browser } from 'playwright-core'
import { callApi, devLogin, launchChromium, loginAs, tapButton, maybeScreenshot, openPhonePage, stackUrls, waitForHome } from '../../test/browser'

/** The points screens of the real H5 build against the demo data's ledger (see scripts/lib/demo-ledger.ts). */
let browser: Browser
const { h5Url } = stackUrls()

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

interface Summary { available: number; pending: number; expiringSoon: { points: number; lastDay: string } | null }
interface HistoryPage { items: { points: number }[]; nextCursor: string | null }

/** Every history entry of a member, as the API pages them. */
async function historyOf(token: string, code = ''): Promise<HistoryPage['items']> {
  const items: HistoryPage['items'] = []
  let cursor: string | null = null
  do {
    const query: URLSearchParams = new URLSearchParams({ limit: '100', ...(code ? { code } : {}), ...(cursor ? { cursor } : {}) })
    const { body }: { body: HistoryPage } = await callApi<HistoryPage>(token, 'GET', `/v1/me/points/history?${query}`)
    items.push(...body.items)
    cursor = body.nextCursor
  } while (cursor)
  return items
}

const signed = (points: number) => (points > 0 ? `+${points}` : String(points))

/**
 * The figures come from the API: other browser tests (the till's) post to demo-member-1 on the
 * same stack, and whether a lot is "expiring soon" depends on today's date.
 */
it('shows demo-member-1 their balance on home, then the points page with history and infinite scroll', async () => {
  const { token } = await devLogin('demo-member-1')
  const { body: summary } = await callApi<Summary>(token, 'GET', '/v1/me/points')
  expect(summary.pending).toBeGreaterThan(0)
  const expiring = summary.expiringSoon ? `${summary.expiringSoon.points} 积分将于 ${summary.expiringSoon.lastDay} 过期` : null

  const page = await openPhonePage(browser)
  await loginAs(page, 'demo-member-1')
  await waitForHome(page)
  await expect(page.locator('.home-points__available').textContent()).resolves.toBe(String(summary.available))
  await expect(page.locator('.home-points-pending').textContent()).resolves.toBe(`待生效 ${summary.pending}`)
  if (expiring) await expect(page.locator('.home-points-expiring').textContent()).resolves.toBe(expiring)
  else await expect(page.locator('.home-points-expiring').count()).resolves.toBe(0)

  await page.locator('.home-points').click()
  await page.waitForURL(/pages\/points\/index/)
  await expect(page.locator('.points-available').textContent()).resolves.toBe(String(summary.available))
  await expect(page.locator('.points-pending').textContent()).resolves.toBe(`待生效 ${summary.pending}`)
  if (expiring) await expect(page.locator('.points-expiring__text').textContent()).resolves.toBe(expiring)
  else await expect(page.locator('.points-expiring__text').count()).resolves.toBe(0)
  await expect(page.locator('.points-debt').count()).resolves.toBe(0)

  // Newest first, as the API has them.
  const history = await historyOf(token)
  expect(history.length).toBeGreaterThan(20)
  await expect(page.locator('.points-entry').first().locator('.points-entry-amount').textContent()).resolves.toBe(signed(history[0].points))
  await maybeScreenshot(page, 'points')

  // One page of 20, the rest when scrolled to the bottom.
  await expect(page.locator('.points-entry').count()).resolves.toBe(20)
  await page.mouse.wheel(0, 20_000)
  await page.locator('.points-history-footer', { hasText: '没有更多了' }).waitFor()
  await expect(page.locator('.points-entry').count()).resolves.toBe(history.length)

  // A filter asks the API for one code only.
  const exchanges = await historyOf(token, 'coupon_exchange')
  await page.locator('.points-filter--coupon_exchange').click()
  await page.locator('.points-filter--coupon_exchange.points-filter--active').waitFor()
  await page.locator('.points-entry-label', { hasText: '积分兑券' }).first().waitFor()
  await expect(page.locator('.points-entry').count()).resolves.toBe(exchanges.length)
  await expect(page.locator('.points-entry-amount').first().textContent()).resolves.toBe('-100')
})

it('tells a member in debt how it will be repaid', async () => {
  const page = await openPhonePage(browser)
  await loginAs(page, 'demo-member-2')
  await waitForHome(page)
  await page.goto(`${h5Url}/#/pages/points/index`)
  await expect(page.locator('.points-available').textContent()).resolves.toBe('0')
  await expect(page.locator('.points-debt').textContent()).resolves.toBe('欠扣 150')
  await expect(page.locator('.points-debt-hint').textContent()).resolves.toContain('将从后续获得的积分中抵扣')
  await expect(page.locator('.points-entry').first().locator('.points-entry-label').textContent()).resolves.toBe('退货扣回')
})

it('shows a new member an empty history', async () => {
  const page = await openPhonePage(browser)
  await loginAs(page, `browser-points-${Date.now()}`)
  await page.waitForURL(/pages\/consent\/index/)
  await tapButton(page, 'consent-accept')
  await waitForHome(page)
  await page.goto(`${h5Url}/#/pages/points/index`)
  await expect(page.locator('.points-available').textContent()).resolves.toBe('0')
  await page.locator('.points-history-empty', { hasText: '暂无积分记录' }).waitFor()
})
