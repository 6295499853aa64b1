import Taro from '@tarojs/taro'

/** Asks before a consequential write (停用, 结束, 停业); resolves true only on the confirm button. */
export async function confirmAction(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  try {
    const { confirm } = await Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: '#fa2c19' })
    return confirm
  } catch {
    return false
  }
}
