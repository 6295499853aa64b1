import { NEVER_ENDS, TemplateItem, newTemplateItem, openIndexOf, withOpenIndex } from './coupon-template'
import { CouponItem } from './coupon'
import { ShardItem } from './coupon-shard'

const input = {
  title: '满100减20', description: '', benefit: { kind: 'threshold' as const, thresholdFen: 10000, amountOffFen: 2000 }, stores: 'all' as const,
  validity: { type: 'days' as const, days: 7 }, totalStock: 100, perMemberLimit: 1, channel: { type: 'public' as const }, paused: false, returnOnRefund: true,
}
const at = '2026-11-20T02:00:00.000Z'

describe('the open-templates index entry', () => {
  it.each([
    ['public, days validity: after every dated one', { channel: { type: 'public' as const } }, `${NEVER_ENDS}#ct_1`],
    ['points, window: by its normalised end', { channel: { type: 'points' as const, pricePoints: 10 }, validity: { type: 'window' as const, from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' } }, '2026-12-01T00:00:00.000Z#ct_1'],
  ])('%s', (_, over, gsi1sk) => {
    expect(openIndexOf({ ...input, id: 'ct_1', ...over })).toEqual({ gsi1pk: 'COUPONTPLS#OPEN', gsi1sk })
  })

  it.each([
    ['paused', { paused: true }],
    ['a tier gift', { channel: { type: 'tier_gift' as const } }],
  ])('none when %s', (_, over) => {
    expect(openIndexOf({ ...input, id: 'ct_1', ...over })).toEqual({})
  })

  it('moves with an edit: pausing drops it, resuming puts it back', () => {
    const t = newTemplateItem(input, 'ct_1', 20, at)
    expect(t.gsi1pk).toBe('COUPONTPLS#OPEN')
    const paused = withOpenIndex({ ...t, paused: true })
    expect(paused.gsi1pk).toBeUndefined()
    expect(withOpenIndex({ ...paused, paused: false }).gsi1sk).toBe(`${NEVER_ENDS}#ct_1`)
  })
})

describe('stored items are parsed on read', () => {
  it('a template keeps attributes it does not name, and needs none of the input limits', () => {
    const raw = { ...newTemplateItem(input, 'ct_1', 20, at), title: 'x'.repeat(60), futureField: 1 }
    expect(TemplateItem.parse(raw)).toMatchObject({ title: 'x'.repeat(60), futureField: 1, shards: 20 })
  })

  it.each([
    ['a template without its shard count', () => TemplateItem.parse({ ...newTemplateItem(input, 'ct_1', 20, at), shards: undefined })],
    ['a coupon in an unknown state', () => CouponItem.parse({ pk: 'COUPON#1', sk: 'COUPON', type: 'coupon', state: 'lost' })],
    ['a shard without its template', () => ShardItem.parse({ pk: 'COUPONTPL#ct_1', sk: 'SHARD#000', type: 'couponShard', shard: 0, total: 5, taken: 0 })],
  ])('refuses %s', (_, read) => {
    expect(read).toThrow()
  })
})
