import Taro from '@tarojs/taro'

/** The page's width in px (a barcode's module is sized to it); 375 if the platform cannot say. */
export function windowWidth(): number {
  try {
    return Taro.getSystemInfoSync().windowWidth || 375
  } catch {
    return 375
  }
}

/** The width left for a code inside a `.card` on a `.page`: 32rpx of padding each, both sides, is 64 px at 375 px and less on narrower phones. */
export const cardContentWidth = (): number => windowWidth() - 64
