import Taro from '@tarojs/taro'

/** Whether this build can scan with the camera (weapp); h5 types the code instead. */
export const canScan = () => process.env.TARO_ENV === 'weapp'

/** What a scan or a typed entry yields, as the API wants it: `1234 5678 901 234` → `12345678901234`. */
export const normalizeMemberCode = (text: string) => text.replace(/[\s-]/g, '')

/** Scans a barcode or QR code; null when the clerk closed the camera. Other failures throw. */
export async function scanMemberCode(): Promise<string | null> {
  try {
    const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['barCode', 'qrCode'] })
    return result
  } catch (err) {
    const message = (err as { errMsg?: string } | null)?.errMsg ?? ''
    if (message.includes('cancel')) return null
    throw err
  }
}
