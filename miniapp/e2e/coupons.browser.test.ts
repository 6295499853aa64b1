import type { Browser, Page } from 'playwright-core'
import { callApi, devLogin, launchChromium, loginAs, maybeScreenshot, openPhonePage, tapButton, waitForHome } from '../../test/browser'

/**
 * The coupon pages of the real H5 build against the local stack's demo coupons (see
 * scripts/lib/demo-coupons.ts): claim, wallet, detail with the till's codes, a redemption at the
 * till, a points exchange and a sold-out coupon. The stack is shared by every browser test file,
 * so whatever these tests change they do to members of their own.
 */
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

const unique = (prefix: string) => `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`

/** A member who has just joined: logged in through the H5 page, privacy policy accepted. */
async function newMember(page: Page, prefix: string): Promise<string> {
  const openid = unique(prefix)
  await loginAs(page, openid)
  await page.waitForURL(/pages\/consent\/index/)
  await tapButton(page, 'consent-accept')
  await waitForHome(page)
  return openid
}

/** Opens the 优惠券 tab from the tab bar; the coupon center shows first. */
async function openCoupons(page: Page): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: '优惠券' }).click()
  await page.waitForURL(/pages\/coupons\/index/)
  await page.locator('.coupon-center .coupon-card').first().waitFor()
}

const centerCard = (page: Page, title: string) =>
  page.locator('.coupon-center .coupon-card', { has: page.locator('.coupon-card-title', { hasText: new RegExp(`^${title}$`) }) })
const walletRow = (page: Page, title: string) =>
  page.locator('.wallet-coupon', { has: page.locator('.coupon-card-title', { hasText: new RegExp(`^${title}$`) }) })
const toast = (page: Page) => page.locator('.taro__toast p:visible').last()

async function openWalletTab(page: Page, tab: 'usable' | 'used' | 'expired'): Promise<void> {
  await page.locator('.coupons-segment--wallet').click()
  await page.locator('.wallet-tab--active').waitFor()
  await page.locator(`.wallet-tab--${tab}`).click()
  await page.locator(`.wallet-tab--${tab}.wallet-tab--active`).waitFor()
  await page.locator('.wallet-coupons, .wallet-empty').first().waitFor()
}

it('lets a new member claim 满100减20, show it at the till, and see it used once a clerk redeems it', async () => {
  const page = await openPhonePage(browser)
  const openid = await newMember(page, 'browser-coupons')
  await openCoupons(page)

  const card = centerCard(page, '思域 满100减20')
  await expect(card.locator('.coupon-card-rule').textContent()).resolves.toBe('满 100 元减 20 元')
  await expect(card.locator('taro-button-core.coupon-card-action').textContent()).resolves.toBe('立即领取')
  await card.locator('taro-button-core.coupon-card-action:not(.nut-button-disabled)').click()
  await expect(toast(page).textContent()).resolves.toBe('领取成功')
  // One per member: the button now says so, disabled, and the card says why.
  const done = card.locator('taro-button-core.coupon-card-action.nut-button-disabled', { hasText: '已领取' })
  await done.waitFor()
  await expect(card.locator('.coupon-card-hint').textContent()).resolves.toBe('每人限领 1 张，您已领满')

  await openWalletTab(page, 'usable')
  const row = walletRow(page, '思域 满100减20')
  await row.waitFor()
  await expect(page.locator('.wallet-coupon').count()).resolves.toBe(1)
  await expect(row.locator('.wallet-coupon-line').textContent()).resolves.toMatch(/^有效期至 \d{4}-\d{2}-\d{2}$/)

  // The code on the detail page is the coupon the API holds for this member.
  const { token } = await devLogin(openid)
  const mine = await callApi(token, 'GET', '/v1/me/coupons?status=available')
  const [coupon] = (mine.body as { items: { code: string; title: string }[] }).items
  expect({ status: mine.status, title: coupon?.title }).toEqual({ status: 200, title: '思域 满100减20' })
  await row.click()
  await page.waitForURL(/pages\/coupon-detail\/index/)
  const digits = page.locator('.coupon-detail-code')
  await digits.waitFor()
  await expect(digits.textContent().then((t) => t?.replace(/\s/g, ''))).resolves.toBe(coupon.code)
  await expect(page.locator('.coupon-detail-status').textContent()).resolves.toBe('可使用')
  await expect(page.locator('.coupon-detail-rule').textContent()).resolves.toBe('满 100 元减 20 元')
  expect(await page.locator('.coupon-detail-barcode .scan-code__mark').count()).toBeGreaterThan(20)
  expect(await page.locator('.coupon-detail-qr .scan-code__mark').count()).toBeGreaterThan(20)
  // The barcode fits the card on a 390 px phone.
  const [bar, box] = await Promise.all([page.locator('.coupon-detail-barcode').boundingBox(), page.locator('.coupon-detail__codes').boundingBox()])
  expect(bar!.width).toBeLessThanOrEqual(box!.width)
  await maybeScreenshot(page, 'coupon-detail')

  // A clerk of store-1 redeems it for a 128-yuan order.
  const clerk = await devLogin('demo-clerk-1')
  const redeemed = await callApi(clerk.token, 'POST', `/v1/staff/coupons/${coupon.code}/redeem`, { orderId: unique('browser-order'), amountFen: 12800 })
  expect(redeemed).toMatchObject({ status: 200, body: { code: coupon.code, status: 'used', discountFen: 2000 } })

  // Back in the wallet (it refreshes on show): nothing usable any more, the coupon under 已使用.
  await page.goBack()
  await page.waitForURL(/pages\/coupons\/index/)
  await page.locator('.wallet-empty', { hasText: '暂无可使用的优惠券' }).waitFor()
  await openWalletTab(page, 'used')
  const used = walletRow(page, '思域 满100减20')
  await expect(used.locator('.coupon-status').textContent()).resolves.toBe('已使用')
  await expect(used.locator('.wallet-coupon-line').textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 已使用$/)

  // Its detail says so, with no code a till could scan again, also after a reload.
  await used.click()
  await page.waitForURL(/pages\/coupon-detail\/index/)
  await page.locator('.coupon-detail-status', { hasText: '已使用' }).waitFor()
  for (const reload of [false, true]) {
    if (reload) {
      await page.reload()
      await page.locator('.coupon-detail-status', { hasText: '已使用' }).waitFor()
    }
    await expect(page.locator('.coupon-detail-unusable').textContent()).resolves.toMatch(/^此券已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 使用$/)
    await expect(page.locator('.coupon-detail-row--used .coupon-detail-row__value').textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    await expect(page.locator('.coupon-detail-code').count()).resolves.toBe(0)
    await expect(page.locator('.coupon-detail .scan-code').count()).resolves.toBe(0)
  }
})

/**
 * A member with points of their own (an audited operator adjustment by demo-admin) rather than
 * demo-member-1: the points browser test asserts demo-member-1's exact balance and history, and
 * the template allows two exchanges per member, one of which demo-member-1 has already made.
 */
it('exchanges 100 points for 积分兑 10 元券 after the member confirms, and the balance drops by exactly 100', async () => {
  const page = await openPhonePage(browser)
  const openid = await newMember(page, 'browser-exchange')
  const { memberId } = await devLogin(openid)
  const admin = await devLogin('demo-admin')
  const grant = await callApi(admin.token, 'POST', '/v1/admin/points/adjustments', { memberId, points: 250, reason: '浏览器测试：兑券积分' }, { 'Idempotency-Key': unique('grant') })
  expect(grant.status).toBe(200)

  await openCoupons(page)
  const balance = page.locator('.coupon-center-points')
  await balance.waitFor()
  const before = Number(await balance.textContent())
  expect(before).toBeGreaterThanOrEqual(100)
  const card = centerCard(page, '积分兑 10 元券')
  const action = card.locator('taro-button-core.coupon-card-action:not(.nut-button-disabled)')
  await expect(action.textContent()).resolves.toBe('100 积分兑换')

  // Cancelled: nothing is spent.
  await action.click()
  await expect(page.locator('.taro-modal__text').textContent()).resolves.toBe('确认使用 100 积分兑换「积分兑 10 元券」？')
  await page.locator('.taro-model__cancel').click()
  await page.waitForTimeout(500)
  await expect(balance.textContent()).resolves.toBe(String(before))
  await expect(page.locator('.taro__toast p:visible').count()).resolves.toBe(0)

  await action.click()
  await page.locator('.taro-modal__text:visible').waitFor()
  await page.locator('.taro-model__confirm:visible').click()
  await expect(toast(page).textContent()).resolves.toBe('兑换成功')
  await page.locator('.coupon-center-points', { hasText: new RegExp(`^${before - 100}$`) }).waitFor()
  await card.locator('.coupon-card-hint', { hasText: '已兑 1/2 张' }).waitFor()

  await openWalletTab(page, 'usable')
  const row = walletRow(page, '积分兑 10 元券')
  await expect(row.locator('.coupon-card-rule').textContent()).resolves.toBe('立减 10 元')
  // Home shows the same balance.
  await page.locator('.weui-tabbar__item', { hasText: '首页' }).click()
  await page.locator('.home-points__available', { hasText: new RegExp(`^${before - 100}$`) }).waitFor()
})

it('shows the sold-out latte coupon as such, with a disabled button and the reason', async () => {
  const page = await openPhonePage(browser)
  await loginAs(page, 'demo-member-1')
  await waitForHome(page)
  await openCoupons(page)

  const card = centerCard(page, '限量拿铁兑换券')
  const button = card.locator('taro-button-core.coupon-card-action')
  await expect(button.textContent()).resolves.toBe('已抢光')
  await expect(button.getAttribute('class')).resolves.toContain('nut-button-disabled')
  await expect(card.locator('.coupon-card-hint').textContent()).resolves.toBe('本券已全部领完')
  await expect(card.locator('.coupon-card-stores').textContent()).resolves.toBe('适用门店：store-1')
  await expect(card.locator('.coupon-face').getAttribute('class')).resolves.toContain('coupon-face--muted')
  await maybeScreenshot(page, 'coupons')

  // A tap on it asks nothing of the API and says nothing.
  await button.click({ force: true })
  await page.waitForTimeout(500)
  await expect(page.locator('.taro-modal__text:visible').count()).resolves.toBe(0)
  await expect(page.locator('.taro__toast p:visible').count()).resolves.toBe(0)
  await expect(button.textContent()).resolves.toBe('已抢光')
})
