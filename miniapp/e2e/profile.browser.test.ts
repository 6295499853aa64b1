import type { Browser } from 'playwright-core'
import { launchChromium, loginAs, tapButton, maybeScreenshot, openPhonePage, stackUrls, waitForHome } from '../../test/browser'

/**
 * The real H5 build against the real local stack (serverless-offline, DynamoDB Local with demo
 * data, the WeChat stand-in; started by the browser project's global setup) in headless Chromium.
 */
let browser: Browser
const { apiUrl, h5Url } = stackUrls()

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

it('logs in as a demo member and shows the profile with the masked phone', async () => {
  const page = await openPhonePage(browser)
  await loginAs(page, 'demo-member-1')
  await waitForHome(page)
  await page.goto(`${h5Url}/#/pages/profile/index`)
  await expect(page.locator('.profile-nickname').textContent()).resolves.toBe('小王')
  await expect(page.locator('.profile-phone').textContent()).resolves.toContain('138****0000')
  await maybeScreenshot(page, 'profile')
})

it('sends a new member through the privacy consent, then lets them edit the profile', async () => {
  const page = await openPhonePage(browser)
  await loginAs(page, `browser-new-${Date.now()}`)
  await page.waitForURL(/pages\/consent\/index/)
  await tapButton(page, 'consent-accept')
  await waitForHome(page)

  await page.goto(`${h5Url}/#/pages/profile/index`)
  await expect(page.locator('.profile-nickname').textContent()).resolves.toBe('未设置昵称')
  await page.locator('.profile-nickname-input input').fill('新朋友')
  await tapButton(page, 'profile-save')
  await page.locator('.profile-nickname', { hasText: '新朋友' }).waitFor()

  // What the page shows is what the API stored.
  const token = await page.evaluate(() => {
    const storage = (globalThis as unknown as { localStorage: { length: number; key(i: number): string; getItem(k: string): string | null } }).localStorage
    for (let i = 0; i < storage.length; i++) {
      const value = storage.getItem(storage.key(i)) ?? ''
      const match = /ey[\w-]+\.[\w-]+\.[\w-]+/.exec(value)
      if (match) return match[0]
    }
    return null
  })
  const me = await fetch(`${apiUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())
  expect(me).toMatchObject({ nickname: '新朋友', needsConsent: false })
})
