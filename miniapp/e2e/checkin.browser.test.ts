import type { Browser } from 'playwright-core'
import { callApi, devLogin, launchChromium, loginAs, tapButton, maybeScreenshot, openPhonePage, waitForHome } from '../../test/browser'

/** Daily check-in on the home page of the real H5 build against the local stack. */
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

it('lets a new member check in once a day: toast, streak 1, 10 points, then no second check-in', async () => {
  const page = await openPhonePage(browser)
  await loginAs(page, `browser-checkin-${Date.now()}`)
  await page.waitForURL(/pages\/consent\/index/)
  await tapButton(page, 'consent-accept')
  await waitForHome(page)

  await expect(page.locator('.home-points__available').textContent()).resolves.toBe('0')
  await expect(page.locator('.home-checkin-streak').textContent()).resolves.toBe('今天开始连续签到吧')
  await expect(page.locator('.home-checkin-next').textContent()).resolves.toBe('再签 7 天可额外获得 30 积分')
  await expect(page.locator('taro-button-core.home-checkin-submit').textContent()).resolves.toBe('签到')

  await tapButton(page, 'home-checkin-submit')
  // Taro's h5 toast: a zero-size wrapper around a fixed box; its title is what shows.
  const toast = page.locator('.taro__toast p:visible').last()
  await toast.waitFor()
  await expect(toast.textContent()).resolves.toBe('签到成功 +10 积分')
  await page.locator('.home-checkin-streak', { hasText: '已连续签到 1 天' }).waitFor()
  await page.locator('.home-points__available', { hasText: /^10$/ }).waitFor()
  await expect(page.locator('.home-checkin-next').textContent()).resolves.toBe('再签 6 天可额外获得 30 积分')
  await expect(page.locator('.checkin-day--checked').count()).resolves.toBe(1)

  // The button is now disabled: a tap reaches nothing.
  const button = page.locator('taro-button-core.home-checkin-submit')
  await expect(button.textContent()).resolves.toBe('今日已签到')
  await expect(button.getAttribute('class')).resolves.toContain('nut-button-disabled')
  await toast.waitFor({ state: 'hidden' })
  await button.click({ force: true })
  await page.waitForTimeout(500)
  await expect(page.locator('.home-points__available').textContent()).resolves.toBe('10')
  await expect(page.locator('.taro__toast p:visible').count()).resolves.toBe(0)
})

it('shows demo-member-3 the streak of their last days and the calendar of the month', async () => {
  const page = await openPhonePage(browser)
  await loginAs(page, 'demo-member-3')
  await waitForHome(page)
  const streak = await page.locator('.home-checkin-streak').textContent()
  expect(Number(/已连续签到 (\d+) 天/.exec(streak ?? '')?.[1])).toBeGreaterThan(1)
  await maybeScreenshot(page, 'home')

  await page.locator('.home-checkin-calendar').click()
  await page.waitForURL(/pages\/checkin\/index/)
  await expect(page.locator('.checkin-streak').textContent()).resolves.toBe(streak)
  await expect(page.locator('.checkin-month').textContent()).resolves.toMatch(/^\d{4}年\d{1,2}月$/)
  // As many checked days as the API has this month (none on the 1st: the streak ran up to yesterday).
  const { token } = await devLogin('demo-member-3')
  const { body: month } = await callApi<{ days: unknown[] }>(token, 'GET', '/v1/checkins')
  await expect(page.locator('.checkin-cell--checked').count()).resolves.toBe(month.days.length)
})

it('lets demo-member-3 make up a missed day of this month after confirming its cost', async () => {
  const page = await openPhonePage(browser)
  await loginAs(page, 'demo-member-3')
  await waitForHome(page)
  await page.locator('.home-checkin-calendar').click()
  await page.waitForURL(/pages\/checkin\/index/)
  await page.locator('.checkin-cell').first().waitFor()
  const missed = page.locator('.checkin-cell--makeup-able')
  // On the 1st of a month there is no earlier day of it to make up.
  if ((await missed.count()) === 0) return
  const day = missed.last()
  const date = await day.locator('.checkin-cell__day').textContent()

  await day.click()
  await expect(page.locator('.taro-modal__text').textContent()).resolves.toBe('补签将消耗 20 积分，获得 10 积分，本月还可补签 2 次')
  await page.locator('.taro-model__confirm').click()
  const toast = page.locator('.taro__toast p:visible').last()
  await toast.waitFor()
  await expect(toast.textContent()).resolves.toBe('补签成功 +10 积分')
  const filled = page.locator('.checkin-cell--makeup', { has: page.locator('.checkin-cell__day', { hasText: new RegExp(`^${date}$`) }) })
  await filled.waitFor()
  await expect(filled.locator('.checkin-cell__mark').textContent()).resolves.toBe('补')
  await expect(page.locator('.checkin-makeup-hint').textContent()).resolves.toBe('每次补签消耗 20 积分，本月已补签 1/2 次')
})
