import type { Browser } from 'playwright-core'
import { launchChromium, loginAs, tapButton, maybeScreenshot, openPhonePage, stackUrls, waitForHome } from '../../test/browser'

/** The points screens of the real H5 build against the demo data's ledger (see scripts/lib/demo-ledger.ts). */
let browser: Browser
const { h5Url } = stackUrls()

jest.setTimeout(60_000)

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

it('shows demo-member-1 their balance on home, then the points page with history and infinite scroll', async () => {
  const page = await openPhonePage(browser)
  await loginAs(page, 'demo-member-1')
  await waitForHome(page)
  await expect(page.locator('.home-points__available').textContent()).resolves.toBe('530')
  await expect(page.locator('.home-points-pending').textContent()).resolves.toBe('待生效 128')
  await expect(page.locator('.home-points-expiring').textContent()).resolves.toMatch(/^200 积分将于 \d{4}-\d{2}-\d{2} 过期$/)

  await page.locator('.home-points').click()
  await page.waitForURL(/pages\/points\/index/)
  await expect(page.locator('.points-available').textContent()).resolves.toBe('530')
  await expect(page.locator('.points-pending').textContent()).resolves.toBe('待生效 128')
  await expect(page.locator('.points-expiring__text').textContent()).resolves.toMatch(/^200 积分将于 \d{4}-\d{2}-\d{2} 过期$/)
  await expect(page.locator('.points-debt').count()).resolves.toBe(0)

  // Newest first: the purchase still inside its return window.
  const first = page.locator('.points-entry').first()
  await expect(first.locator('.points-entry-label').textContent()).resolves.toBe('消费积分（待生效）')
  await expect(first.locator('.points-entry-amount').textContent()).resolves.toBe('+128')
  await maybeScreenshot(page, 'points')

  // 28 entries: one page of 20, the rest when scrolled to the bottom.
  await expect(page.locator('.points-entry').count()).resolves.toBe(20)
  await page.mouse.wheel(0, 20_000)
  await page.locator('.points-history-footer', { hasText: '没有更多了' }).waitFor()
  await expect(page.locator('.points-entry').count()).resolves.toBe(28)

  // A filter asks the API for one code only.
  await page.locator('.points-filter--coupon_exchange').click()
  await page.locator('.points-filter--coupon_exchange.points-filter--active').waitFor()
  await page.locator('.points-entry-label', { hasText: '积分兑券' }).waitFor()
  await expect(page.locator('.points-entry').count()).resolves.toBe(1)
  await expect(page.locator('.points-entry-amount').textContent()).resolves.toBe('-100')
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
