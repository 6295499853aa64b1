import type { Browser, Page } from 'playwright-core'
import { callApi, currentMemberCode, devLogin, launchChromium, loginAs, maybeScreenshot, openPhonePage, stackUrls, tapButton, waitForHome } from '../../test/browser'

/**
 * The staff workbench of the real H5 build against the local stack: a clerk of store-1 types
 * demo-member-1's current member code, records a purchase, sees the result and voids it; the
 * member's pending points follow. The stack is shared by every browser test file, so points are
 * compared before and after rather than with fixed figures.
 */
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

async function pendingPoints(token: string): Promise<number> {
  const res = await callApi<{ pending: number }>(token, 'GET', '/v1/me/points')
  expect(res.status).toBe(200)
  return res.body.pending
}

/** Taro's h5 modal: checks what it says, then confirms. */
async function confirmModal(page: Page, expected: RegExp): Promise<void> {
  const text = page.locator('.taro-modal__text')
  await text.waitFor()
  await expect(text.textContent()).resolves.toMatch(expected)
  await page.locator('.taro-model__confirm').click()
}

it('lets demo-clerk-1 record a 128 元 purchase for demo-member-1 and void it; the pending points follow', async () => {
  const member = await devLogin('demo-member-1')
  const before = await pendingPoints(member.token)

  const page = await openPhonePage(browser)
  await loginAs(page, 'demo-clerk-1')
  await waitForHome(page)
  await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
  await page.waitForURL(/pages\/profile\/index/)
  await page.locator('.profile-staff').click()
  await page.waitForURL(/staff\/index\/index/)
  // H5 has no camera scan: the code is typed.
  await expect(page.locator('taro-button-core.staff-scan').count()).resolves.toBe(0)

  await page.locator('.staff-code-input input').fill(currentMemberCode(member))
  await tapButton(page, 'staff-verify')
  await page.locator('.staff-member-card').waitFor()
  await expect(page.locator('.staff-member-name').textContent()).resolves.toBe('小王')
  await expect(page.locator('.staff-member-phone').textContent()).resolves.toBe('138****0000')
  await expect(page.locator('.staff-member-points--pending .staff-member-points__value').textContent()).resolves.toBe(String(before))
  await maybeScreenshot(page, 'staff-workbench')

  await page.locator('.staff-open-purchase').click()
  await page.locator('.staff-amount-input input').fill('128.00')
  await expect(page.locator('.staff-amount-hint').textContent()).resolves.toBe('实付 ¥128.00，预计 +128 积分（待生效）')
  await tapButton(page, 'staff-purchase-submit')
  await confirmModal(page, /订单金额 ¥128\.00[\s\S]*预计积分 \+128（待生效）/)

  await page.locator('.staff-result-title', { hasText: '消费已记录' }).waitFor()
  await expect(page.locator('.staff-result-amount .staff-result__value').textContent()).resolves.toBe('¥128.00')
  await expect(page.locator('.staff-result-points .staff-result__value').textContent()).resolves.toBe('+128')
  await expect(page.locator('.staff-result-note').textContent()).resolves.toBe('积分将在 7 天后到账（退货期内为待生效积分）')
  await maybeScreenshot(page, 'staff-result')
  expect(await pendingPoints(member.token)).toBe(before + 128)

  await tapButton(page, 'staff-void')
  await confirmModal(page, /撤销订单 SO\d{12}[A-Z2-9]{6} 的消费记录/)
  await page.locator('.staff-result-title', { hasText: '消费已撤销' }).waitFor()
  await expect(page.locator('taro-button-core.staff-void').count()).resolves.toBe(0)
  expect(await pendingPoints(member.token)).toBe(before)

  // The store's day counts the void.
  await page.locator('.staff-summary-link').click()
  await page.waitForURL(/staff\/summary\/index/)
  const voids = await page.locator('.staff-summary-voids .staff-summary-figure__value').textContent()
  expect(Number(voids)).toBeGreaterThanOrEqual(1)
})

it('previews for a 金卡 member exactly the points the server then posts (tier multiplier and 会员日 included)', async () => {
  const member = await devLogin('demo-member-3')
  const page = await openPhonePage(browser)
  await loginAs(page, 'demo-clerk-1')
  await waitForHome(page)
  await page.goto(`${stackUrls().h5Url}/#/staff/index/index`)
  await page.locator('.staff-code-input input').fill(currentMemberCode(member))
  await tapButton(page, 'staff-verify')
  await expect(page.locator('.staff-member-tier').textContent()).resolves.toBe('金卡会员')
  await page.locator('.staff-open-purchase').click()
  await page.locator('.staff-amount-input input').fill('128.00')
  const hint = (await page.locator('.staff-amount-hint').textContent()) ?? ''
  const previewed = Number(/预计 \+(\d+) 积分/.exec(hint)?.[1])
  // ×1.5, and +50% more on 会员日 (whichever day the server says it is): never the base 128.
  expect([192, 256]).toContain(previewed)
  await tapButton(page, 'staff-purchase-submit')
  await confirmModal(page, new RegExp(`预计积分 \\+${previewed}（待生效）`))
  await page.locator('.staff-result-title', { hasText: '消费已记录' }).waitFor()
  await expect(page.locator('.staff-result-points .staff-result__value').textContent()).resolves.toBe(`+${previewed}`)
  // Leave demo-member-3 as they were for the other tests.
  await tapButton(page, 'staff-void')
  await confirmModal(page, /撤销订单/)
  await page.locator('.staff-result-title', { hasText: '消费已撤销' }).waitFor()
})

it('shows demo-manager-1 the store’s audit entries of today, and demo-clerk-1 no audit', async () => {
  const page = await openPhonePage(browser)
  await loginAs(page, 'demo-manager-1')
  await waitForHome(page)
  await page.goto(`${stackUrls().h5Url}/#/staff/index/index`)
  await page.locator('.staff-audit-link').click()
  await page.waitForURL(/staff\/audit\/index/)
  await page.locator('.staff-audit-entry').first().waitFor()
  const actions = await page.locator('.staff-audit-entry__action').allTextContents()
  expect(actions).toEqual(expect.arrayContaining(['记录消费', '撤销']))

  const clerk = await openPhonePage(browser)
  await loginAs(clerk, 'demo-clerk-1')
  await waitForHome(clerk)
  await clerk.goto(`${stackUrls().h5Url}/#/staff/audit/index`)
  await expect(clerk.locator('.staff-no-access .empty-state__description').textContent()).resolves.toContain('仅限店长使用')
})

it('shows a member without a staff role 无权限 on the workbench address', async () => {
  const page = await openPhonePage(browser)
  await loginAs(page, 'demo-member-2')
  await waitForHome(page)
  await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
  await page.locator('.profile-points').waitFor()
  await expect(page.locator('.profile-staff').count()).resolves.toBe(0)
  await page.goto(`${stackUrls().h5Url}/#/staff/index/index`)
  await expect(page.locator('.staff-no-access .empty-state__title').textContent()).resolves.toBe('无权限')
})
