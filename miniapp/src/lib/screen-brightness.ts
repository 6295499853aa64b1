import { useRef } from 'react'
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro'

/**
 * Full screen brightness while the page shows (a till scanner reads a dim screen badly) and the
 * screen kept on (the queue at the till can be slow), and the member's own settings back when it
 * hides or closes. WeChat only: a browser cannot change either.
 */
export function useFullBrightness() {
  const saved = useRef<number | null>(null)
  const visible = useRef(false)

  useDidShow(() => {
    visible.current = true
    if (process.env.TARO_ENV !== 'weapp') return
    Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
    void (async () => {
      try {
        const { value } = await Taro.getScreenBrightness()
        // Hidden while asking: leave the brightness alone.
        if (!visible.current) return
        saved.current ??= value
        await Taro.setScreenBrightness({ value: 1 })
      } catch {
        // Some phones refuse; the code is still shown.
      }
    })()
  })

  const restore = () => {
    visible.current = false
    if (process.env.TARO_ENV === 'weapp') Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined)
    if (saved.current === null) return
    const value = saved.current
    saved.current = null
    Taro.setScreenBrightness({ value }).catch(() => undefined)
  }
  useDidHide(restore)
  useUnload(restore)
}
