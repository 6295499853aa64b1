import type { Browser, Page } from 'playwright-core'
import { callApi, devLogin, eventually, launchChromium, loginAs, maybeScreenshot, openDesktopPage, openPhonePage, stackUrls, tapButton, waitForHome } from '../../test/browser'

/**
 * The brand's console (the admin subpackage's H5 build) against the local stack's demo data, at
 * desktop width as operators use it, and on a phone. The stack is shared by every browser test
 * file: what these tests create carries a unique name, and a scheduled rule change is cancelled
 * when its test ends.
 */
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

const unique = (prefix: string) => `${prefix}${Date.now() % 1_000_000}${Math.floor(Math.random() * 1000)}`
const toast = (page: Page) => page.locator('.taro__toast p:visible').last()

/** Signs in as a demo operator and opens a console page. */
async function openConsole(page: Page, openid: string, path: string): Promise<void> {
  await loginAs(page, openid)
  await waitForHome(page)
  await page.goto(`${stackUrls().h5Url}/#${path}`)
}

/** Taro's h5 modal: checks what it says, then confirms. */
async function confirmModal(page: Page, expected: RegExp): Promise<void> {
  const text = page.locator('.taro-modal__text:visible')
  await text.waitFor()
  await expect(text.textContent()).resolves.toMatch(expected)
  await page.locator('.taro-model__confirm:visible').click()
}

it('shows the admin the brand’s figures at desktop width and on a phone', async () => {
  const page = await openDesktopPage(browser)
  await openConsole(page, 'demo-admin', '/admin/index/index')
  await page.locator('.console-figure').first().waitFor()
  await page.locator('.console-nav__item').first().waitFor()
  await expect(page.locator('.console-nav__item').allTextContents()).resolves.toEqual(['概览', '会员', '规则', '优惠券', '门店与员工', '邀请审核', '欠扣', '操作记录'])
  await page.locator('.console-overview-liability').waitFor()
  await maybeScreenshot(page, 'console-overview-desktop')

  const phone = await openPhonePage(browser)
  await openConsole(phone, 'demo-admin', '/admin/index/index')
  await phone.locator('.console-figure').first().waitFor()
  await maybeScreenshot(phone, 'console-overview-phone')
})

it('lets an admin schedule an earn-rate change with a notice that members see before it applies', async () => {
  const admin = await devLogin('demo-admin')
  const notice = `积分规则调整公告 ${unique('n')}：每消费 1 元将获得 2 积分`
  const page = await openDesktopPage(browser)
  await openConsole(page, 'demo-admin', '/admin/rules/index')
  await page.locator('.console-rules-tab--earning').click()
  const field = page.locator('.console-rules-field--earning-pointsPerYuan input')
  await field.waitFor()
  await field.fill('2')
  await page.locator('.console-rules-diff', { hasText: '2' }).waitFor()
  await page.locator('.console-rules-schedule-toggle').click()
  await page.locator('.console-rules-notice textarea, .console-rules-notice input').first().fill(notice)
  await tapButton(page, 'console-rules-schedule-submit')
  const scheduled = page.locator('.console-rules-scheduled-item', { hasText: notice })
  await scheduled.waitFor()
  await maybeScreenshot(page, 'console-rules-desktop')

  try {
    // GET /v1/program caches the rules and notices for 30 s per container: the notice reaches
    // members within that.
    const published = await eventually(
      () => fetch(`${stackUrls().apiUrl}/v1/program`).then((r) => r.json() as Promise<{ notices: { notice: string }[] }>),
      (p) => p.notices.some((n) => n.notice === notice),
    )
    expect(published.notices.map((n) => n.notice)).toContain(notice)
    const member = await openPhonePage(browser)
    await loginAs(member, 'demo-member-5')
    await waitForHome(member)
    await expect(member.locator('.home-rules-notice').textContent()).resolves.toContain(notice)
    // Not yet applied: the public rules still earn 1 point per 元.
    const program = await fetch(`${stackUrls().apiUrl}/v1/program`).then((r) => r.json() as Promise<{ earning: { pointsPerYuan: number } }>)
    expect(program.earning.pointsPerYuan).toBe(1)
  } finally {
    const list = await callApi<{ items: { id: string; notice: string; status: string }[] }>(admin.token, 'GET', '/v1/admin/program/scheduled')
    for (const c of list.body.items.filter((i) => i.notice === notice && i.status === 'scheduled')) {
      await callApi(admin.token, 'POST', `/v1/admin/program/scheduled/${c.id}/cancel`)
    }
  }
})

it('lets an admin create a coupon template that a member then claims', async () => {
  const title = unique('控制台券')
  const page = await openDesktopPage(browser)
  await openConsole(page, 'demo-admin', '/admin/coupons/index')
  await tapButton(page, 'console-coupon-new')
  await page.locator('.console-coupon-title input').fill(title)
  await page.locator('.console-coupon-threshold input').fill('50')
  await page.locator('.console-coupon-amount input').fill('8')
  await page.locator('.console-coupon-stock input').fill('100')
  await page.locator('.console-coupon-limit input').fill('1')
  // The preview is the member's coupon card, worded by the same rule the server applies.
  await expect(page.locator('.console-coupon-preview .coupon-card-rule').textContent()).resolves.toBe('满 50 元减 8 元')
  await maybeScreenshot(page, 'console-coupons-desktop')
  await tapButton(page, 'console-coupon-submit')
  await page.locator('.console-coupon-row', { hasText: title }).waitFor()

  const member = await openPhonePage(browser)
  await loginAs(member, 'demo-member-6')
  await waitForHome(member)
  await member.locator('.weui-tabbar__item', { hasText: '优惠券' }).click()
  const card = member.locator('.coupon-center .coupon-card', { has: member.locator('.coupon-card-title', { hasText: title }) })
  await card.waitFor()
  await card.locator('taro-button-core.coupon-card-action:not(.nut-button-disabled)').click()
  await expect(toast(member).textContent()).resolves.toBe('领取成功')
})

it('lets a manager find a member by phone, adjust points with a reason, and see it in the audit by names', async () => {
  // demo-member-3 has no debt: the points land in `available` (a debtor's would pay the debt first).
  const member = await devLogin('demo-member-3')
  const before = await callApi<{ available: number }>(member.token, 'GET', '/v1/me/points')
  const reason = `到店补偿 ${unique('r')}`

  const page = await openDesktopPage(browser)
  await openConsole(page, 'demo-manager-1', '/admin/members/index')
  await page.locator('.console-nav__item').first().waitFor()
  // A manager's navigation has no brand-wide sections.
  await expect(page.locator('.console-nav__item').allTextContents()).resolves.toEqual(['概览', '会员', '门店与员工', '操作记录'])
  await page.locator('.console-member-search-input input').fill('13800002222')
  await tapButton(page, 'console-member-search-submit')
  const row = page.locator('.console-member-row', { hasText: '阿杰' })
  await row.waitFor()
  await expect(row.textContent()).resolves.toContain('138****2222')
  await maybeScreenshot(page, 'console-members-desktop')
  await row.click()
  await page.waitForURL(/admin\/member\/index/)
  await page.locator('.console-adjust-points input').fill('15')
  await page.locator('.console-adjust-reason textarea, .console-adjust-reason input').first().fill(reason)
  await tapButton(page, 'console-adjust-submit')
  await confirmModal(page, /阿杰[\s\S]*15[\s\S]*到店补偿/)
  await expect(toast(page).textContent()).resolves.toMatch(/已调整|成功/)
  const after = await callApi<{ available: number }>(member.token, 'GET', '/v1/me/points')
  expect(after.body.available).toBe(before.body.available + 15)

  await page.goto(`${stackUrls().h5Url}/#/admin/audit/index`)
  const entry = page.locator('.console-audit-entry', { hasText: reason })
  await entry.waitFor()
  await expect(entry.locator('.console-audit-entry__action').textContent()).resolves.toBe('积分调整')
  await expect(entry.locator('.console-audit-entry__operator').textContent()).resolves.toContain('静安店长')
  await expect(entry.locator('.console-audit-entry__member').textContent()).resolves.toContain('阿杰')
  await expect(entry.textContent()).resolves.not.toMatch(/m_demo/)
  await maybeScreenshot(page, 'console-audit-desktop')
})

it('keeps a manager out of brand-wide pages, and the server refuses their routes', async () => {
  const page = await openPhonePage(browser)
  await openConsole(page, 'demo-manager-1', '/admin/rules/index')
  await page.locator('.console-denied').waitFor()
  await expect(page.locator('.console-denied').textContent()).resolves.toContain('无权限')

  const manager = await devLogin('demo-manager-1')
  for (const path of ['/v1/admin/program', '/v1/admin/coupon-templates', '/v1/admin/points/debtors', '/v1/admin/referrals?kind=rejected']) {
    const res = await callApi<{ error: { code: string } }>(manager.token, 'GET', path)
    expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status: 403, code: 'auth.forbidden' })
  }
})
