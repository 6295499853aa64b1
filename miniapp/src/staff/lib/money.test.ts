import { purchasePoints } from '@siyu/shared/rules/tiers'
import { MAX_FEN, expectedPoints, parsePoints, parseYuan, redemptionStep, redemptionValueFen } from './money'

describe('parseYuan', () => {
  it.each([
    ['128', 12800],
    ['128.00', 12800],
    ['128.5', 12850],
    ['0.01', 1],
    ['.5', 50],
    ['5.', 500],
    [' ¥1,280.00 ', 128000],
    ['99.99元', 9999],
    ['１２８．８', 12880],
    ['1000000', MAX_FEN],
    // 0.1 + 0.2 style float traps never happen: the digits are read as text.
    ['19.99', 1999],
    ['4.35', 435],
  ])('reads %j as %i fen', (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, fen })
  })

  it.each([
    ['', '请输入金额'],
    ['   ', '请输入金额'],
    ['abc', '金额格式不正确'],
    ['.', '金额格式不正确'],
    ['-5', '金额格式不正确'],
    ['1e3', '金额格式不正确'],
    ['12.3.4', '金额格式不正确'],
    ['1,28', '金额格式不正确'],
    ['12.345', '金额最多两位小数'],
    ['0', '金额必须大于 0'],
    ['0.00', '金额必须大于 0'],
    ['1000000.01', '金额不能超过 1,000,000.00 元'],
    ['12345678901', '金额过大'],
  ])('refuses %j: %s', (text, message) => {
    expect(parseYuan(text)).toEqual({ ok: false, message })
  })
})

describe('points at the till', () => {
  const earning = (over: Partial<Parameters<typeof expectedPoints>[1]> = {}) => ({ pointsPerYuan: 1, multiplierPercent: 100, memberDayBonusPercent: 0, memberDay: false, ...over })
  it.each([
    ['普通会员', 12800, earning(), 128],
    ['普通会员', 12899, earning(), 128],
    ['普通会员', 99, earning(), 0],
    ['2 points per 元', 10800, earning({ pointsPerYuan: 2 }), 216],
    ['a negative amount', -100, earning(), 0],
    ['银卡', 12800, earning({ multiplierPercent: 120, memberDayBonusPercent: 50 }), 153],
    ['银卡 on 会员日', 12800, earning({ multiplierPercent: 120, memberDayBonusPercent: 50, memberDay: true }), 217],
    ['钻石 on 会员日', 12800, earning({ multiplierPercent: 200, memberDayBonusPercent: 100, memberDay: true }), 384],
  ])('%s: %i fen paid earns what the server posts (%#)', (_, fen, e, points) => {
    expect(expectedPoints(fen, e)).toBe(points)
    expect(expectedPoints(fen, e)).toBe(purchasePoints(Math.max(0, fen), { earning: e }, e, e.memberDay))
  })

  it.each([
    [100, 100, 100],
    [530, 100, 530],
    [1, 200, 0],
    [3, 200, 1],
  ])('%i points at %i/元 take %i fen off', (points, perYuan, fen) => {
    expect(redemptionValueFen(points, perYuan)).toBe(fen)
  })
})

describe('parsePoints', () => {
  it('reads a whole number within the limit', () => expect(parsePoints(' 300 ', 530)).toEqual({ ok: true, points: 300 }))
  it.each([
    ['', '请输入积分'],
    ['1.5', '积分须为整数'],
    ['-3', '积分须为整数'],
    ['0', '积分必须大于 0'],
    ['531', '最多可使用 530 积分'],
  ])('refuses %j: %s', (text, message) => {
    expect(parsePoints(text, 530)).toEqual({ ok: false, message })
  })

  it('keeps to steps worth whole fen', () => {
    expect([100, 200, 300, 50, 1000].map(redemptionStep)).toEqual([1, 2, 3, 1, 10])
    expect(parsePoints('301', 530, 2)).toEqual({ ok: false, message: '积分须为 2 的整数倍' })
    expect(parsePoints('300', 530, 2)).toEqual({ ok: true, points: 300 })
  })
})
