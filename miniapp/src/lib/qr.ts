import qrcode from 'qrcode-generator'

/** A dark run of QR modules in one row: drawn as one rectangle instead of one per module. */
export interface ModuleRun {
  row: number
  col: number
  length: number
}

export interface QrMatrix {
  /** Modules per side (21 for a member code: version 1). */
  size: number
  runs: ModuleRun[]
}

/**
 * The modules of a QR code for `text`, as horizontal dark runs. Error correction M: a phone
 * screen is clean, and the smaller symbol scans faster. Digits use numeric mode (14 digits fit
 * version 1).
 */
export function qrMatrix(text: string): QrMatrix {
  const qr = qrcode(0, 'M')
  qr.addData(text, /^\d+$/.test(text) ? 'Numeric' : 'Byte')
  qr.make()
  const size = qr.getModuleCount()
  const runs: ModuleRun[] = []
  for (let row = 0; row < size; row++) {
    let start = -1
    for (let col = 0; col <= size; col++) {
      const dark = col < size && qr.isDark(row, col)
      if (dark && start < 0) start = col
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start })
        start = -1
      }
    }
  }
  return { size, runs }
}
