import type { Program } from '@/store/program'
import { tillAction } from './test-fixtures'
import { DEFAULT_TILL_RULES, canVoid, redeemableMax, tillRulesOf } from './till-rules'

const at = new Date('2026-11-25T06:30:00.000Z') // 14:30 in Shanghai
const minutes = (n: number) => new Date(at.getTime() + n * 60_000)

describe('tillRulesOf', () => {
  it('uses the defaults until the public program has loaded', () => {
    expect(tillRulesOf(undefined)).toEqual(DEFAULT_TILL_RULES)
  })

  it('takes the published till rules', () => {
    const program = { version: 2, till: { redeemPointsPerYuan: 50, maxRedeemPointsPerOrder: 2000, managerApprovalFen: 100_000, voidWindowMinutes: 10 } } as Program
    expect(tillRulesOf(program)).toEqual({ redeemPointsPerYuan: 50, maxRedeemPointsPerOrder: 2000, voidWindowMinutes: 10 })
  })
})

describe('redeemableMax', () => {
  it.each([
    [530, 530],
    [25_000, 10_000],
    [0, 0],
    [-20, 0],
  ])('with %i available allows %i', (available, max) => {
    expect(redeemableMax(available, DEFAULT_TILL_RULES)).toBe(max)
  })
})

describe('canVoid', () => {
  const purchase = tillAction({ at: at.toISOString() })
  it.each([
    ['a clerk within the window', 'clerk', purchase, minutes(14), true],
    ['a clerk after the window', 'clerk', purchase, minutes(15), false],
    ['a manager later that day', 'manager', purchase, minutes(9 * 60), true],
    ['a manager the next Shanghai day', 'manager', purchase, minutes(9 * 60 + 30), false],
    ['anyone, a refund', 'manager', { ...purchase, kind: 'refund' }, minutes(1), false],
    ['anyone, an action already voided', 'manager', { ...purchase, voided: true }, minutes(1), false],
    ['a clerk, a redemption', 'clerk', { ...purchase, kind: 'redemption' }, minutes(1), true],
  ] as const)('%s: %s', (_, role, action, now, allowed) => {
    expect(canVoid(action, role, now, DEFAULT_TILL_RULES)).toBe(allowed)
  })
})
