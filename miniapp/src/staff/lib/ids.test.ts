import { ORDER_ID, newOrderId, newRefundId, orderIdError } from './ids'

const at = new Date('2026-11-25T06:30:12.000Z') // 14:30:12 in Shanghai

describe('generated numbers', () => {
  it('read as prefix, Shanghai time and random characters', () => {
    const random = jest.fn().mockReturnValue(0)
    expect(newOrderId(at, random)).toBe('SO261125143012222222')
    expect(newRefundId(at, () => 0.999)).toBe('RF261125143012ZZZZZZ')
  })

  it('are accepted by the API and differ from one another', () => {
    const ids = Array.from({ length: 200 }, () => newOrderId(at))
    expect(ids.every((id) => ORDER_ID.test(id))).toBe(true)
    expect(new Set(ids).size).toBe(200)
  })

  it('take the Shanghai date after 16:00 UTC', () => {
    expect(newOrderId(new Date('2026-11-25T16:00:00.000Z'), () => 0).slice(2, 8)).toBe('261126')
  })
})

describe('orderIdError', () => {
  it.each([
    ['SO2611251430', null],
    ['POS-0001_a', null],
    ['', '请输入订单号'],
    ['  ', '请输入订单号'],
    ['单号1', '订单号只能包含字母、数字、-、_（最多 64 位）'],
    ['a b', '订单号只能包含字母、数字、-、_（最多 64 位）'],
    ['x'.repeat(65), '订单号只能包含字母、数字、-、_（最多 64 位）'],
  ])('%j → %j', (value, error) => {
    expect(orderIdError(value)).toBe(error)
  })

  it('names the field it checks', () => expect(orderIdError('', '退款单号')).toBe('请输入退款单号'))
})
