import Taro from '@tarojs/taro'

/** A string kept in the mini-program's local storage. */
export interface StoredValue {
  get(): string | null
  set(value: string): void
  clear(): void
}

function stored(key: string): StoredValue {
  return {
    get: () => {
      const value: unknown = Taro.getStorageSync(key)
      return typeof value === 'string' && value ? value : null
    },
    set: (value) => Taro.setStorageSync(key, value),
    clear: () => Taro.removeStorageSync(key),
  }
}

/** The session token from the last login. */
export const tokenStore = stored('siyu.token')

/** h5 only: the openid last used for dev login, so an expired token can be renewed silently. */
export const devIdentity = stored('siyu.devOpenid')
