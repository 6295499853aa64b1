import type { Browser } from 'playwright-core'
import type { MyTier } from '../../shared/src/schemas/tiers'
import { formatShanghaiTime } from '../src/lib/datetime'
import { moneyShort } from '../src/lib/money'
import { callApi, currentMemberCode, devLogin, eventually, launchChromium, loginAs, maybeScreenshot, openPhonePage, tapButton, waitForHome } from '../../test/browser'

/**
 * The 会员等级 page of the real H5 build against the local stack: a member who has just joined
 * opens it from the home badge, a clerk records a purchase past the silver threshold, and after a
 * refresh the page shows the new tier — not yet confirmed, its gift points pending for the return
 * window — and the upgrade in its history; the clerk then voids the purchase and the page shows the
 * tier taken back. Figures are read from GET /v1/me/tier, so a changed default ladder changes the
 * expectations with it.
 */
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

/** What the tier card says toward the next tier, from the API's figures. */
const nextText = (next: MyTier['next']) => (next ? `再消费 ${moneyShort(next.needFen)} 升级${next.name}` : '已是最高等级')

async function myTier(token: string): Promise<MyTier> {
  const res = await callApi<MyTier>(token, 'GET', '/v1/me/tier')
  expect(res.status).toBe(200)
  return res.body
}

it('shows a new member 普通会员 and the way to silver; a 1,200 元 purchase makes them 银卡会员 until confirmed, and its void takes it back', async () => {
  const openid = `browser-tier-${Date.now()}`
  const page = await openPhonePage(browser)
  await loginAs(page, openid)
  await page.waitForURL(/pages\/consent\/index/)
  await tapButton(page, 'consent-accept')
  await waitForHome(page)

  const member = await devLogin(openid)
  const before = await myTier(member.token)
  expect(before.tier.name).toBe('普通会员')
  expect(before.next?.name).toBe('银卡会员')
  expect(before.history).toEqual([])

  const badge = page.locator('.home-tier')
  await badge.waitFor()
  await expect(badge.locator('.home-tier__name').textContent()).resolves.toBe(before.tier.name)
  await badge.click()
  await page.waitForURL(/pages\/tier\/index/)
  await expect(page.locator('.tier-name').textContent()).resolves.toBe('普通会员')
  await expect(page.locator('.tier-next').textContent()).resolves.toBe(nextText(before.next))
  await expect(page.locator('.tier-next').textContent()).resolves.toMatch(/^再消费 ¥[\d,.]+ 升级银卡会员$/)
  await expect(page.locator('.tier-keep').count()).resolves.toBe(0)
  await page.locator('.tier-history-empty').waitFor()

  // demo-clerk-1 records 1,200 元 at the till, over the silver threshold.
  const clerk = await devLogin('demo-clerk-1')
  const orderId = `tier-${Date.now()}`
  const purchase = await callApi(clerk.token, 'POST', '/v1/staff/purchases', { memberCode: currentMemberCode(member), orderId, amountFen: 120_000 })
  expect(purchase.status).toBe(200)
  // The upgrade follows the sale on the table's stream, a moment later.
  const after = await eventually(() => myTier(member.token), (t) => t.tier.name === '银卡会员')
  expect(after.tier.name).toBe('银卡会员')
  expect(after.history[0]).toMatchObject({ from: 'base', to: after.tier.code, reason: 'upgrade' })

  await page.reload()
  await page.locator('.tier-name', { hasText: '银卡会员' }).waitFor()
  await expect(page.locator('.tier-next').textContent()).resolves.toBe(nextText(after.next))
  await expect(page.locator('.tier-benefits__head .tier-benefits__cell--current .tier-benefits-tier__name').textContent()).resolves.toBe('银卡会员')
  const row = page.locator('.tier-history-row').first()
  await expect(row.locator('.tier-history-row__change').textContent()).resolves.toBe('普通会员 → 银卡会员')
  await expect(row.locator('.tier-history-row__reason').textContent()).resolves.toBe('升级')
  // Provisional until the purchase's return window closes: the card says so, and when, and the gift waits.
  expect(after.provisional).toEqual([expect.objectContaining({ tier: after.tier, giftPoints: after.ladder[1].upgradeGift.points })])
  const until = formatShanghaiTime(after.provisional[0].until).slice(0, 10)
  await expect(page.locator('.tier-card__pending').textContent()).resolves.toBe('待确认')
  await expect(page.locator('.tier-provisional-row__when').textContent()).resolves.toBe(`银卡会员：7 天后（${until}）确认`)
  await expect(page.locator('.tier-provisional-row__gift').textContent()).resolves.toBe(`升级礼 ${after.provisional[0].giftPoints} 积分待生效`)
  await maybeScreenshot(page, 'tier')

  // The clerk voids the purchase inside the return window: the upgrade and its gift are taken back.
  const voided = await callApi(clerk.token, 'POST', `/v1/staff/actions/pur_${orderId}/void`)
  expect(voided.status).toBe(200)
  const back = await eventually(() => myTier(member.token), (t) => t.tier.code === before.tier.code && t.provisional.length === 0)
  expect(back).toMatchObject({ tier: before.tier, provisional: [] })
  await page.reload()
  await page.locator('.tier-name', { hasText: '普通会员' }).waitFor()
  await expect(page.locator('.tier-card__pending').count()).resolves.toBe(0)
  await expect(page.locator('.tier-provisional').count()).resolves.toBe(0)
  const undone = page.locator('.tier-history-row').first()
  await expect(undone.locator('.tier-history-row__change').textContent()).resolves.toBe('银卡会员 → 普通会员')
  await expect(undone.locator('.tier-history-row__reason').textContent()).resolves.toBe('订单退款/撤销')
})
