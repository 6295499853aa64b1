import { render } from '@testing-library/react'
import jsQR from 'jsqr'
import { CODE128C } from 'jsbarcode/bin/barcodes/CODE128'
import { Barcode, QrCode, barcodeModuleToFit } from './index'

/** The rectangles as drawn: position and size in CSS pixels, read back from the rendered views. */
function marks(root: Element) {
  return Array.from(root.querySelectorAll<HTMLElement>('.scan-code__mark'), (m) => {
    const n = (v: string) => Number.parseInt(v, 10)
    return { left: n(m.style.left), top: n(m.style.top), width: n(m.style.width), height: n(m.style.height) }
  })
}

describe('QrCode', () => {
  it('draws what a QR scanner reads back as the text', () => {
    const { container } = render(<QrCode text='23456789279037' cell={4} />)
    const box = container.querySelector<HTMLElement>('.scan-code')!
    const side = Number.parseInt(box.style.width, 10)
    expect(side).toBe((21 + 8) * 4)
    const pixels = new Uint8ClampedArray(side * side * 4).fill(255)
    for (const m of marks(container)) {
      for (let y = m.top; y < m.top + m.height; y++) pixels.fill(0, (y * side + m.left) * 4, (y * side + m.left + m.width) * 4)
    }
    // Alpha was zeroed with the colour above; restore it so the image is opaque.
    for (let i = 3; i < pixels.length; i += 4) pixels[i] = 255
    expect(jsQR(pixels, side, side)?.data).toBe('23456789279037')
  })
})

describe('Barcode', () => {
  it('draws the Code 128 modules of the digits with a quiet zone either side', () => {
    const { container } = render(<Barcode digits='10000001287082' module={2} />)
    const bars = marks(container)
    const modules = Array(112).fill('0')
    for (const b of bars) for (let x = b.left / 2 - 10; x < (b.left + b.width) / 2 - 10; x++) modules[x] = '1'
    expect(modules.join('')).toBe(new CODE128C('10000001287082', {}).encode().data)
    expect(Number.parseInt(container.querySelector<HTMLElement>('.scan-code')!.style.width, 10)).toBe((112 + 20) * 2)
  })
})

describe('barcodeModuleToFit', () => {
  it('keeps 2 px modules where they fit and narrows in half pixels on small screens', () => {
    const digits = '12345678901234' // 132 modules with quiet zones
    expect(barcodeModuleToFit(digits, 375 - 64)).toBe(2)
    expect(barcodeModuleToFit(digits, 320 - 64)).toBe(1.5)
    expect(barcodeModuleToFit(digits, 100)).toBe(1)
  })
})
