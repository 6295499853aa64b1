import Taro from '@tarojs/taro'
import type { MemberCodeSecret } from '@/lib/member-code'

const KEY = 'siyu.memberCode'

function isSecret(value: unknown): value is MemberCodeSecret {
  const v = value as Partial<MemberCodeSecret> | null
  return !!v && typeof v.shortId === 'string' && typeof v.secret === 'string' && typeof v.stepSeconds === 'number' && typeof v.version === 'number'
}

/**
 * The member-code secret kept on the phone, so the code shows without network (at the till the
 * signal is often poor). Written at every login and member-code fetch, removed at logout.
 */
export const memberCodeCache = {
  get(): MemberCodeSecret | null {
    const value: unknown = Taro.getStorageSync(KEY)
    return isSecret(value) ? value : null
  },
  set(secret: MemberCodeSecret) {
    Taro.setStorageSync(KEY, secret)
  },
  clear() {
    Taro.removeStorageSync(KEY)
  },
}
