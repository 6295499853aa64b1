import type { FieldKind } from './fields'

/** A typed value: the number or string to store, or why the text is not one. */
export type Parsed = { ok: true; value: number | string } | { ok: false; message: string }

/** 元 as typed (at most two decimals) to integer fen, without float arithmetic. */
function yuanToFen(text: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text)
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null
}

export function parseFieldText(kind: FieldKind, raw: string): Parsed {
  if (kind === 'text') return { ok: true, value: raw.trim() }
  const text = raw.trim()
  if (!text) return { ok: false, message: '请填写' }
  if (kind === 'yuan') {
    const fen = yuanToFen(text)
    return fen === null ? { ok: false, message: '请输入金额（元），最多两位小数' } : { ok: true, value: fen }
  }
  return /^-?\d+$/.test(text) ? { ok: true, value: Number(text) } : { ok: false, message: '请输入整数' }
}

/** A stored value as the input shows it: fen as 元 (1000, 12.5), text left as it is. */
export function fieldText(kind: FieldKind, value: unknown): string {
  if (typeof value !== 'number') return value == null ? '' : String(value)
  if (kind !== 'yuan') return String(value)
  const cents = Math.abs(value) % 100
  const yuan = `${value < 0 ? '-' : ''}${Math.floor(Math.abs(value) / 100)}`
  return cents ? `${yuan}.${String(cents).padStart(2, '0').replace(/0$/, '')}` : yuan
}

/** A bound in a message: 不能大于 120个月, 不能小于 0.01元. */
export const boundText = (kind: FieldKind, unit: string, n: number): string => `${kind === 'yuan' ? fieldText('yuan', n) : String(n)}${unit === '%' ? '%' : unit ? ` ${unit}` : ''}`
