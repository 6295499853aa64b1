import type { Browser } from 'playwright-core'
import type { PublicProgram } from '../../shared/src/rules/program-rules'
import type { MyInvite, ReferralsPage } from '../../shared/src/schemas/referrals'
import { inviteeRewardText } from '../src/lib/invite-text'
import { callApi, currentMemberCode, devLogin, eventually, launchChromium, loginAs, maybeScreenshot, openPhonePage, stackUrls, tapButton, waitForHome } from '../../test/browser'

/**
 * Inviting a friend in the real H5 build against the local stack: a new member's invite code
 * from GET /v1/me/invite; a newcomer opens the welcome page of that invite (the app keeps the
 * server's ticket of the open), joins and logs in, and is bound to the inviter; a 60 元 purchase at the till qualifies the invite, and the inviter's
 * 邀请 tab shows it pending. The reward text is computed from GET /v1/program, so changed
 * defaults change the expectation with them.
 */
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

type Login = Awaited<ReturnType<typeof devLogin>>

async function publicProgram(): Promise<PublicProgram> {
  const res = await fetch(`${stackUrls().apiUrl}/v1/program`)
  expect(res.status).toBe(200)
  return (await res.json()) as PublicProgram
}

/** A fresh member who has accepted the current privacy policy (as the consent page does). */
async function consentingMember(openid: string, policyVersion: string): Promise<Login> {
  const member = await devLogin(openid)
  const res = await fetch(`${stackUrls().apiUrl}/v1/me/consents`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ privacyPolicyVersion: policyVersion, marketing: false, personalisation: false }),
  })
  expect(res.status).toBe(200)
  return member
}

/** The inviter's invitees once `done` holds for them (qualification follows the sale on the stream). */
async function invitees(token: string, done: (page: ReferralsPage) => boolean): Promise<ReferralsPage> {
  return eventually(async () => {
    const res = await callApi<ReferralsPage>(token, 'GET', '/v1/me/referrals')
    expect(res.status).toBe(200)
    return res.body
  }, done)
}

it('binds a newcomer who joins from the welcome page of an invite; their first 60 元 purchase shows as 已完成首单 on the inviter’s 邀请 tab', async () => {
  const program = await publicProgram()
  const stamp = Date.now()
  const referrerOpenid = `browser-referrer-${stamp}`
  const newcomerOpenid = `browser-newcomer-${stamp}`
  const referrer = await consentingMember(referrerOpenid, program.privacy.policyVersion)
  const mine = await callApi<MyInvite>(referrer.token, 'GET', '/v1/me/invite')
  expect(mine.status).toBe(200)
  const { inviteCode, sharePath } = mine.body
  expect(inviteCode).toMatch(/^[0-9A-Z]{8}$/)
  expect(sharePath).toBe(`/pages/welcome/index?invite=${inviteCode}`)

  // The newcomer opens the shared page before any login.
  const newcomerPage = await openPhonePage(browser)
  await newcomerPage.goto(`${stackUrls().h5Url}/#${sharePath}`)
  await newcomerPage.locator('.welcome-reward').waitFor()
  await expect(newcomerPage.locator('.welcome-reward').textContent()).resolves.toBe(inviteeRewardText(program.referrals))
  await expect(newcomerPage.locator('.welcome-reward').textContent()).resolves.toMatch(/^完成首单满 [\d.,]+ 元，你得 \d+ 积分，好友得 \d+ 积分$/)
  await expect(newcomerPage.locator('.welcome-code').textContent()).resolves.toBe(`邀请码 ${inviteCode}`)
  // Before any login the app holds the server's ticket of this open (not its own clock).
  await newcomerPage.waitForFunction(`/"ticket":"eyJ/.test(window.localStorage.getItem('siyu.invite') ?? '')`)
  await expect(newcomerPage.evaluate("window.localStorage.getItem('siyu.invite')")).resolves.not.toMatch(/openedAt/)
  await maybeScreenshot(newcomerPage, 'welcome')
  await tapButton(newcomerPage, 'welcome-join')
  await newcomerPage.waitForURL(/pages\/login\/index/)
  await newcomerPage.locator('.login-openid input').fill(newcomerOpenid)
  await tapButton(newcomerPage, 'login-submit')
  await newcomerPage.waitForURL(/pages\/consent\/index/)
  await tapButton(newcomerPage, 'consent-accept')
  await waitForHome(newcomerPage)

  const joined = await invitees(referrer.token, (p) => p.items.length > 0)
  expect(joined.items).toHaveLength(1)
  expect(joined.items[0]).toMatchObject({ status: 'joined', unrewardedReason: null, qualifiedAt: null })
  // The kept code was used once and cleared.
  await expect(newcomerPage.evaluate("window.localStorage.getItem('siyu.invite')")).resolves.toBeNull()

  // demo-clerk-1 records the newcomer's first purchase, 60 元, over the 50 元 threshold.
  const newcomer = await devLogin(newcomerOpenid)
  const clerk = await devLogin('demo-clerk-1')
  const purchase = await callApi(clerk.token, 'POST', '/v1/staff/purchases', { memberCode: currentMemberCode(newcomer), orderId: `invite-${stamp}`, amountFen: 6000 })
  expect(purchase.status).toBe(200)
  const qualified = await invitees(referrer.token, (p) => p.items[0]?.status === 'qualified')
  expect(qualified.items[0].status).toBe('qualified')

  // The inviter's 邀请 tab.
  const page = await openPhonePage(browser)
  await loginAs(page, referrerOpenid)
  await waitForHome(page)
  await page.locator('.weui-tabbar__item', { hasText: '邀请' }).click()
  await page.waitForURL(/pages\/invite\/index/)
  await page.locator('.invite-row').first().waitFor()
  await expect(page.locator('.invite-code').textContent()).resolves.toBe(inviteCode)
  await expect(page.locator('.invite-row-status').allTextContents()).resolves.toEqual(['已完成首单（奖励待生效）'])
  await expect(page.locator('.invite-row-date').first().textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} 完成首单$/)
  await expect(page.locator('.invite-count--qualified .invite-count__value').textContent()).resolves.toBe('1')
  await expect(page.locator('.invite-milestone-text').textContent()).resolves.toMatch(/^再邀请 \d+ 位好友完成首单，签到积分/)
  await maybeScreenshot(page, 'invite')
  // The poster: the invite's QR code and code over the page, closed again.
  await tapButton(page, 'invite-poster-open')
  await expect(page.locator('.invite-poster-code').textContent()).resolves.toBe(inviteCode)
  await expect(page.locator('.invite-poster-qr .scan-code__mark').count()).resolves.toBeGreaterThan(20)
  await tapButton(page, 'invite-poster-close')
  await expect(page.locator('.invite-poster').count()).resolves.toBe(0)

  // h5 shares by link: copying it gives the welcome page of the same invite.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await tapButton(page, 'invite-copy')
  await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(`${stackUrls().h5Url}/#${sharePath}`)
})
