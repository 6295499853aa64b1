/** An API call that did not succeed: a server error body, a network failure or a missing login. */
export class ApiError extends Error {
  override readonly name = 'ApiError'

  constructor(
    /** Stable code from the server (`member.birthday_locked`) or a client code below. */
    readonly code: string,
    message: string,
    /** HTTP status; 0 when no response arrived. */
    readonly status: number,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** Client-side codes (the server's codes come from its error bodies). */
export const ClientCode = {
  network: 'network.failed',
  loginRequired: 'auth.required',
  wechatLogin: 'wechat.login_failed',
  server: 'server.unavailable',
} as const

const NETWORK_MESSAGE = '网络异常，请稍后重试'

/** Messages that read better than the server's, or that the client has to supply itself. */
const FRIENDLY: Record<string, string> = {
  [ClientCode.network]: NETWORK_MESSAGE,
  [ClientCode.server]: '服务暂时不可用，请稍后重试',
  internal: '服务暂时不可用，请稍后重试',
  'rate.limited': '操作太频繁，请稍后再试',
  'member.birthday_locked': '生日设置后不可修改',
  'wechat.unavailable': '微信服务繁忙，请稍后重试',
}

/**
 * The app's wording of codes whose server message is already meant for members and says more
 * ("本月补签次数已用完（每月 2 次）", "不能补签成为会员之前的日期"): used only when a response
 * carries the code without a message.
 */
const DEFAULTS: Record<string, string> = {
  'points.insufficient': '可用积分不足',
  'checkin.already_checked_in': '这一天已经签到过了',
  'checkin.makeup_not_allowed': '这一天不能补签',
  'checkin.makeup_limit': '本月补签次数已用完',
  'member.consent_required': '请先阅读并同意隐私政策',
  'coupon.sold_out': '已抢光',
  'coupon.limit_reached': '已达到每人领取上限',
  'coupon.not_claimable': '此券暂时不能领取',
  'coupon.template_not_found': '优惠券不存在',
  'coupon.not_found': '优惠券不存在',
  'idempotency.mismatch': '请求冲突，请刷新后重试',
}

export const networkError = (cause: unknown) => new ApiError(ClientCode.network, NETWORK_MESSAGE, 0, undefined, { cause })

/** Turns a non-2xx response into an ApiError, tolerating bodies that are not the error envelope. */
export function errorFromResponse(status: number, data: unknown): ApiError {
  const body = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error
  if (body && typeof body.code === 'string') {
    const message = typeof body.message === 'string' && body.message ? body.message : (DEFAULTS[body.code] ?? fallbackMessage(status))
    return new ApiError(body.code, message, status, body.details)
  }
  return new ApiError(status >= 500 ? ClientCode.server : `http.${status}`, fallbackMessage(status), status)
}

function fallbackMessage(status: number): string {
  if (status === 401) return '登录已失效，请重新登录'
  if (status === 403) return '没有权限执行此操作'
  if (status === 404) return '请求的内容不存在'
  if (status === 429) return FRIENDLY['rate.limited']
  if (status >= 500) return FRIENDLY[ClientCode.server]
  return '请求失败，请稍后重试'
}

/** The Chinese text to show the user for any thrown value. */
export function messageFor(err: unknown): string {
  if (err instanceof ApiError) return FRIENDLY[err.code] ?? err.message
  return '出了点问题，请稍后重试'
}
