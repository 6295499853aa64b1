import { EMPTY_DRAFT, checkDraft, fieldOfPath, shanghaiMidnight, yuanToFen, zheToPercentOff } from './coupon-draft'

describe('coupon draft', () => {
  it.each([
    ['20', 2000], ['19.9', 1990], ['0.05', 5], [' 100 ', 10000], ['1.234', NaN], ['', NaN], ['-1', NaN], ['1e3', NaN],
  ])('reads %j yuan as %s fen', (text, fen) => expect(yuanToFen(text)).toBe(fen))

  it.each([
    ['8.5', 15], ['9', 10], ['0.1', 99], ['9.9', 1], ['10', NaN], ['8.55', NaN], ['', NaN],
  ])('reads %j 折 as %s percent off', (text, off) => expect(zheToPercentOff(text)).toBe(off))

  it('turns Shanghai dates into instants, empty for no date', () => {
    expect(shanghaiMidnight('2026-12-10')).toBe('2026-12-09T16:00:00.000Z')
    expect(shanghaiMidnight('2026-12-31', 1)).toBe('2026-12-31T16:00:00.000Z')
    expect(shanghaiMidnight('')).toBe('')
  })

  it('maps issue paths to fields', () => {
    expect(fieldOfPath(['benefit', 'thresholdFen'])).toBe('thresholdYuan')
    expect(fieldOfPath(['stores', 0])).toBe('stores')
    expect(fieldOfPath(['validity', 'to'])).toBe('toDate')
  })

  it('checks with the server’s schema and words errors in Chinese', () => {
    const bad = checkDraft({ ...EMPTY_DRAFT, kind: 'percent', zhe: '12', allStores: false, channel: 'points', pricePoints: '0', validity: 'window' })
    expect(bad).toEqual({
      ok: false,
      errors: {
        title: '请填写券名称', zhe: '请输入 0.1–9.9 之间的折扣，如 8.5', stores: '请至少选择一家门店', stock: '请输入 1–10000000 之间的整数',
        fromDate: '请选择开始日期', toDate: '请选择结束日期', pricePoints: '请输入 1–1000000 之间的积分',
      },
    })
    const good = checkDraft({ ...EMPTY_DRAFT, title: '新人券', kind: 'fixed', amountYuan: '5', stock: '100' })
    expect(good).toMatchObject({ ok: true, input: { benefit: { kind: 'fixed', amountOffFen: 500 }, stores: 'all', totalStock: 100, perMemberLimit: 1 } })
  })
})
