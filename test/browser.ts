import { existsSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { decodeSecret, memberCodeAt } from '../shared/src/rules/member-code'

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean) as string[]

/** Debian's Chromium, headless; Playwright gives each launch a fresh profile. Never a downloaded browser. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = CANDIDATES.find((p) => existsSync(p))
  if (!executablePath) {
    throw new Error('Chromium not found. Install it (Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium) or set CHROMIUM_PATH.')
  }
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  })
}

/** The URLs of the stack the browser project's global setup started. */
export function stackUrls(): { apiUrl: string; h5Url: string } {
  const { SIYU_API_URL: apiUrl, SIYU_H5_URL: h5Url } = process.env
  if (!apiUrl || !h5Url) throw new Error('SIYU_API_URL/SIYU_H5_URL missing: run through the jest browser project')
  return { apiUrl, h5Url }
}

/** A phone-sized page in a fresh browser context (no shared storage between tests). */
export async function openPhonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' })
  return context.newPage()
}

/** A desktop-sized page (the operators' web console) in a fresh browser context. */
export async function openDesktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1, locale: 'zh-CN' })
  return context.newPage()
}

/** Signs in through the H5 login page (the dev login, enabled on local and test stages). */
export async function loginAs(page: Page, openid: string): Promise<void> {
  await page.goto(`${stackUrls().h5Url}/#/pages/login/index`)
  await page.locator('.login-openid input').fill(openid)
  await tapButton(page, 'login-submit')
}

/** Saves a screenshot of the real UI for README when UPDATE_SCREENSHOTS is set. */
export async function maybeScreenshot(page: Page, name: string): Promise<void> {
  if (!process.env.UPDATE_SCREENSHOTS) return
  const dir = resolve(__dirname, '../docs/screenshots')
  mkdirSync(dir, { recursive: true })
  await page.waitForTimeout(300)
  await page.screenshot({ path: resolve(dir, `${name}.png`), fullPage: false })
}

/**
 * Taps a NutUI button once it is enabled. Playwright cannot see a custom element's disabled
 * state, so a click on a still-disabled button would silently do nothing.
 */
export async function tapButton(page: Page, className: string): Promise<void> {
  await page.locator(`taro-button-core.${className}:not(.nut-button-disabled)`).click()
}

/**
 * Waits until the home page has rendered, e.g. after login or consent. Navigating away sooner
 * races Taro's h5 router: the home page, still loading after its reLaunch, is then shown over
 * the next page and hides it.
 */
export async function waitForHome(page: Page): Promise<void> {
  await page.waitForURL(/pages\/index\/index/)
  await page.locator('.home-points').waitFor()
}

/** A session for `openid` straight from the API's dev login (for setting up or checking what a page shows). */
export async function devLogin(openid: string): Promise<{ token: string; memberId: string; memberCode: { shortId: string; secret: string; stepSeconds: number } }> {
  const res = await fetch(`${stackUrls().apiUrl}/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
  if (res.status !== 200) throw new Error(`dev login of ${openid} answered ${res.status}`)
  const body = (await res.json()) as { token: string; member: { id: string }; memberCode: { shortId: string; secret: string; stepSeconds: number } }
  return { token: body.token, memberId: body.member.id, memberCode: body.memberCode }
}

/** Calls the stack's API with a session token; answers the status and the JSON body. */
export async function callApi<T = Record<string, unknown>>(
  token: string, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stackUrls().apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as T }
}

/** The member code a member's phone shows right now, from their login's code secret (the shared generator). */
export const currentMemberCode = ({ memberCode: c }: Awaited<ReturnType<typeof devLogin>>) =>
  memberCodeAt(c.shortId, decodeSecret(c.secret), new Date(), c.stepSeconds)

/**
 * What the stream consumer does after a commit (tier upgrades, referral qualification) is
 * eventual: read `get` until `done` holds, bounded by a generous wait, never by a timing assertion.
 */
export async function eventually<T>(get: () => Promise<T>, done: (value: T) => boolean, opts: { waitMs?: number; everyMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (opts.waitMs ?? 90_000)
  for (;;) {
    const value = await get()
    if (done(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, opts.everyMs ?? 250))
  }
}
