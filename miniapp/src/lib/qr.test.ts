import jsQR from 'jsqr'
import { qrMatrix, type QrMatrix } from './qr'

/** Paints the runs as the page does (with a 4-module quiet zone) into RGBA pixels. */
function paint({ size, runs }: QrMatrix, scale = 4, quiet = 4) {
  const side = (size + 2 * quiet) * scale
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255)
  for (const { row, col, length } of runs) {
    for (let y = (row + quiet) * scale; y < (row + quiet + 1) * scale; y++) {
      for (let x = (col + quiet) * scale; x < (col + quiet + length) * scale; x++) pixels.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3)
    }
  }
  return { pixels, side }
}

describe('qrMatrix', () => {
  it.each(['10000001287082', '00000000000000', 'https://example.com/m?x=1'])('draws a QR code a scanner reads back as %s', (text) => {
    const { pixels, side } = paint(qrMatrix(text))
    expect(jsQR(pixels, side, side)?.data).toBe(text)
  })

  it('keeps a 14-digit member code at version 1 (21 modules), big enough modules on a phone', () => {
    expect(qrMatrix('23456789279037').size).toBe(21)
  })

  it('merges neighbouring dark modules of a row into one run', () => {
    const { runs } = qrMatrix('10000001287082')
    // The finder pattern's top edge: 7 dark modules at each of two corners.
    expect(runs.filter((r) => r.row === 0 && r.length === 7).map((r) => r.col)).toEqual([0, 14])
  })
})
