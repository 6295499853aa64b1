import Taro from '@tarojs/taro'

export const PAGES = {
  home: '/pages/index/index',
  coupons: '/pages/coupons/index',
  invite: '/pages/invite/index',
  profile: '/pages/profile/index',
  consent: '/pages/consent/index',
  login: '/pages/login/index',
  points: '/pages/points/index',
  privacy: '/pages/privacy/index',
  checkin: '/pages/checkin/index',
  memberCode: '/pages/member-code/index',
  couponDetail: '/pages/coupon-detail/index',
  tier: '/pages/tier/index',
  /** Where a friend's share lands (`?invite=CODE`); it works before login. */
  welcome: '/pages/welcome/index',
  /** The staff subpackage (`staff/`): members never download it. */
  staff: '/staff/index/index',
  staffSummary: '/staff/summary/index',
  staffAudit: '/staff/audit/index',
  /** The brand's console (`admin/` subpackage): brand admins and store managers. */
  console: '/admin/index/index',
} as const

function isCurrent(url: string): boolean {
  const pages = Taro.getCurrentPages()
  const route = pages[pages.length - 1]?.route ?? ''
  return route.replace(/^\//, '').split('?')[0] === url.slice(1)
}

/** Opens a page with a fresh page stack (works for tab and non-tab pages alike). */
function relaunch(url: string) {
  if (!isCurrent(url)) void Taro.reLaunch({ url })
}

export const goHome = () => relaunch(PAGES.home)
export const goLogin = () => relaunch(PAGES.login)
export const goConsent = () => relaunch(PAGES.consent)
export const goProfile = () => relaunch(PAGES.profile)

/** Opens a non-tab page on top of the current one (back returns here). */
const open = (url: string) => void Taro.navigateTo({ url })

export const goPoints = () => open(PAGES.points)
export const goCheckinCalendar = () => open(PAGES.checkin)
export const goMemberCode = () => open(PAGES.memberCode)
export const goTier = () => open(PAGES.tier)
export const goCouponDetail = (code: string) => open(`${PAGES.couponDetail}?code=${encodeURIComponent(code)}`)
export const goStaff = () => open(PAGES.staff)
export const goStaffSummary = () => open(PAGES.staffSummary)
export const goStaffAudit = () => open(PAGES.staffAudit)
export const goConsole = () => open(PAGES.console)

/**
 * A page path as something to send a friend: in WeChat the path itself (a share carries it), on
 * h5 the page's full web address.
 */
export function shareLink(path: string): string {
  if (process.env.TARO_ENV !== 'h5') return path
  const { origin, pathname } = window.location
  return `${origin}${pathname}#${path}`
}

/**
 * Opens the privacy policy at the rules' `policyUrl`: a page of the app, or a web address. A
 * mini-program cannot open arbitrary web pages, so there the address is copied for the browser.
 */
export function openPolicy(url: string = PAGES.privacy) {
  if (url.startsWith('/')) return open(url)
  if (process.env.TARO_ENV === 'h5') return void window.open(url, '_blank')
  void Taro.setClipboardData({ data: url }).then(() => Taro.showToast({ title: '链接已复制，请在浏览器中打开', icon: 'none' }))
}
