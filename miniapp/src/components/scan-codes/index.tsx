import { useMemo } from 'react'
import { View } from '@tarojs/components'
import { barsOf, code128C } from '@/lib/code128'
import { qrMatrix } from '@/lib/qr'
import './index.scss'

/**
 * QR code and barcode drawn with plain views: one absolutely placed rectangle per dark run. It
 * renders the same in weapp and h5 with no canvas (no node queries, nothing to redraw on show),
 * and whole CSS pixels per module keep the edges sharp for a scanner.
 */
const px = (n: number) => `${n}px`

export function QrCode({ text, cell = 8, className = '' }: { text: string; cell?: number; className?: string }) {
  const { size, runs } = useMemo(() => qrMatrix(text), [text])
  const quiet = 4 // modules of white border the QR standard asks for
  const side = px((size + 2 * quiet) * cell)
  return (
    <View className={`scan-code ${className}`} style={{ width: side, height: side }}>
      {runs.map(({ row, col, length }) => (
        <View
          key={`${row}.${col}`}
          className='scan-code__mark'
          style={{ left: px((col + quiet) * cell), top: px((row + quiet) * cell), width: px(length * cell), height: px(cell) }}
        />
      ))}
    </View>
  )
}

const QUIET = 10 // modules of white either side, as Code 128 asks for

/** Modules across a barcode of these digits, quiet zones included. */
const barcodeModules = (digits: string) => code128C(digits).reduce((a, b) => a + b, 0) + 2 * QUIET

/**
 * The widest module (in px, half-pixel steps, 1 to 2) that fits the barcode into `maxWidth`: a
 * 14-digit code is 132 modules, 264 px at 2 px — too wide for a 320 px phone with margins.
 */
export const barcodeModuleToFit = (digits: string, maxWidth: number) =>
  Math.max(1, Math.min(2, Math.floor((maxWidth / barcodeModules(digits)) * 2) / 2))

/** A Code 128 (set C) barcode of an even number of digits, as tills' laser scanners read it. */
export function Barcode({ digits, module = 2, height = 64, className = '' }: { digits: string; module?: number; height?: number; className?: string }) {
  const widths = useMemo(() => code128C(digits), [digits])
  const quiet = QUIET
  const total = widths.reduce((a, b) => a + b, 0) + 2 * quiet
  return (
    <View className={`scan-code ${className}`} style={{ width: px(total * module), height: px(height) }}>
      {barsOf(widths).map(({ x, width }) => (
        <View key={x} className='scan-code__mark' style={{ left: px((x + quiet) * module), top: '0px', width: px(width * module), height: px(height) }} />
      ))}
    </View>
  )
}
