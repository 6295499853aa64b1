import { AccountItem, accountState, toAccountItem } from './account'
import { emptyAccount } from '../ledger/account'

describe('account item', () => {
  it('an absent account is empty', () => {
    expect(accountState(undefined)).toEqual(emptyAccount())
  })

  it('an account stored before lots and reversals were kept reads them as none', () => {
    const raw = { pk: 'MEMBER#m_1', sk: 'ACCOUNT', type: 'account', memberId: 'm_1', available: 0, pending: 5, debt: 0, earned: 5, spent: 0, expired: 0, version: 1, updatedAt: 'x' }
    expect(accountState(AccountItem.parse(raw))).toMatchObject({ lots: {}, reversed: 0, pending: 5 })
  })

  it('is indexed as a debtor exactly while in debt', () => {
    expect(toAccountItem('m_1', { ...emptyAccount(), debt: 3 }, 'x')).toMatchObject({ gsi1pk: 'DEBTORS', gsi1sk: 'm_1' })
    expect(toAccountItem('m_1', emptyAccount(), 'x')).not.toHaveProperty('gsi1pk')
  })

  it.each([
    ['a fractional balance', { available: 1.5 }],
    ['a missing version', { version: undefined }],
  ])('refuses %s', (_, change) => {
    const item = { ...toAccountItem('m_1', emptyAccount(), 'x'), ...change }
    expect(() => AccountItem.parse(item)).toThrow()
  })
})
