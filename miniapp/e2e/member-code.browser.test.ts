import type { Browser } from 'playwright-core'
import { devLogin, launchChromium, loginAs, maybeScreenshot, openPhonePage, stackUrls, waitForHome } from '../../test/browser'

/** The member code shown by the H5 build is one the till accepts for that member. */
let browser: Browser
const { apiUrl } = stackUrls()

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

const tokenOf = async (openid: string) => (await devLogin(openid)).token

it('shows demo-member-1 a code that a clerk verifies as their member card', async () => {
  const page = await openPhonePage(browser)
  await loginAs(page, 'demo-member-1')
  await waitForHome(page)
  await page.locator('taro-button-core.home-member-code').click()
  await page.waitForURL(/pages\/member-code\/index/)

  const shown = await page.locator('.member-code-digits').textContent()
  expect(shown).toMatch(/^\d{4} \d{4} \d{3} \d{3}$/)
  await expect(page.locator('.member-code-countdown').textContent()).resolves.toMatch(/^\d{1,2} 秒后自动更新$/)
  expect(await page.locator('.member-code-qr .scan-code__mark').count()).toBeGreaterThan(20)
  expect(await page.locator('.member-code-barcode .scan-code__mark').count()).toBe(31)
  await expect(page.locator('.member-code-offline').count()).resolves.toBe(0)
  await maybeScreenshot(page, 'member-code')

  const clerk = await tokenOf('demo-clerk-1')
  const res = await fetch(`${apiUrl}/v1/staff/member-codes/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
    body: JSON.stringify({ code: shown!.replace(/\s/g, '') }),
  })
  const body = await res.json()
  expect({ status: res.status, body }).toMatchObject({ status: 200, body: { nickname: '小王' } })
})

it('keeps showing the code from the cached secret when the network is gone', async () => {
  const page = await openPhonePage(browser)
  await loginAs(page, 'demo-member-1')
  await waitForHome(page)
  // The login cached the secret; now every API call fails as it would with no signal.
  await page.route('**/v1/**', (route) => route.abort('internetdisconnected'))
  await page.locator('taro-button-core.home-member-code').click()
  await page.waitForURL(/pages\/member-code\/index/)
  await page.locator('.member-code-offline', { hasText: '离线' }).waitFor()
  await expect(page.locator('.member-code-digits').textContent()).resolves.toMatch(/^\d{4} \d{4} \d{3} \d{3}$/)
})
