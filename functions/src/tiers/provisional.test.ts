import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { nextReversalStep } from './provisional'
import type { ProvisionalUpgrade, TierItem } from './tier-state'

const rules = defaultProgramRules()
const NOW = new Date('2026-03-12T02:00:00.000Z')
const LATER = '2026-03-19T02:00:00.000Z'

const gift = (tier: string, points: number) => ({ tier, points, couponTemplateIds: [] })
const upgrade = (id: number, from: string, tier: string, gifts: ProvisionalUpgrade['gifts'], until = '2026-03-18T00:00:00.000Z'): ProvisionalUpgrade => ({
  id, tier, from, orderId: `o${id}`, until, gifts, before: { since: `before-${id}`, anchor: '2025-06-01', reviewOn: id === 1 ? null : '2026-06-01' },
})

function item(tier: string, provisional: ProvisionalUpgrade[]): TierItem {
  return {
    pk: 'MEMBER#m', sk: 'TIER', type: 'tier', memberId: 'm', tier, since: 'upgraded', anchor: '2026-03-12', reviewOn: '2027-03-12',
    giftsDue: [], provisional, version: 7, gsi1pk: 'TIERREVIEW#2027-03-12', gsi1sk: 'm',
  }
}

describe('re-evaluating provisional upgrades after a reversal', () => {
  const silverThenGold = item('gold', [upgrade(1, 'base', 'silver', [gift('silver', 100)]), upgrade(2, 'silver', 'gold', [gift('gold', 300)])])

  it.each([
    ['still reaches gold', 500_000, null],
    ['reaches silver only', 120_000, { tier: 'silver', reversed: ['gold'], dropped: true }],
    ['reaches nothing', 50_000, { tier: 'silver', reversed: ['gold'], dropped: true }],
  ])('looks at the newest upgrade first: growth that %s', (_, growth, expected) => {
    const step = nextReversalStep(rules, { ...silverThenGold, provisional: silverThenGold.provisional?.map((p) => ({ ...p, until: LATER })) }, growth, NOW, LATER)
    if (!expected) return expect(step).toBeNull()
    expect(step).toMatchObject({ kind: 'undo', dropped: expected.dropped, after: { tier: expected.tier, version: 8 } })
    if (step?.kind === 'undo') expect(step.reversed.map((g) => g.tier)).toEqual(expected.reversed)
  })

  it('narrows an upgrade over two tiers to the one the growth still reaches, keeping its dates and the lower gift', () => {
    const step = nextReversalStep(rules, item('gold', [upgrade(1, 'base', 'gold', [gift('silver', 100), gift('gold', 300)])]), 120_000, NOW, LATER)
    expect(step).toMatchObject({ kind: 'undo', dropped: false, after: { tier: 'silver', since: 'upgraded', reviewOn: '2027-03-12' } })
    if (step?.kind !== 'undo') throw new Error('undo expected')
    expect(step.reversed).toEqual([gift('gold', 300)])
    expect(step.after.provisional).toEqual([expect.objectContaining({ id: 1, tier: 'silver', from: 'base', gifts: [gift('silver', 100)] })])
  })

  it('drops an upgrade back to the tier before it, never lower, restoring its dates and leaving the review index on the first tier', () => {
    const fromBase = nextReversalStep(rules, item('silver', [upgrade(1, 'base', 'silver', [gift('silver', 100)])]), 0, NOW, LATER)
    expect(fromBase).toMatchObject({ kind: 'undo', dropped: true, after: { tier: 'base', since: 'before-1', reviewOn: null, provisional: [] } })
    expect(fromBase?.after).not.toHaveProperty('gsi1pk')
    // Silver held (confirmed) before a gold upgrade: refunding everything falls back to silver, reviewed on its old date.
    const fromSilver = nextReversalStep(rules, item('gold', [upgrade(2, 'silver', 'gold', [gift('gold', 300)])]), 0, NOW, LATER)
    expect(fromSilver).toMatchObject({ kind: 'undo', after: { tier: 'silver', since: 'before-2', reviewOn: '2026-06-01', gsi1pk: 'TIERREVIEW#2026-06-01' } })
  })

  it('makes an overdue review of the restored tier due today', () => {
    const overdue = upgrade(2, 'silver', 'gold', [gift('gold', 300)])
    const step = nextReversalStep(rules, item('gold', [{ ...overdue, before: { ...overdue.before, reviewOn: '2026-03-01' } }]), 0, NOW, LATER)
    expect(step?.after).toMatchObject({ tier: 'silver', reviewOn: '2026-03-12' })
  })

  it('leaves confirmed upgrades alone: only those still inside their window are undone', () => {
    const confirmed = upgrade(1, 'base', 'silver', [gift('silver', 100)], '2026-03-12T01:00:00.000Z')
    expect(nextReversalStep(rules, item('silver', [confirmed]), 0, NOW, LATER)).toBeNull()
  })

  it('lets the upgrades left standing wait until a full window after the reversal, once', () => {
    const step = nextReversalStep(rules, silverThenGold, 600_000, NOW, LATER)
    expect(step).toMatchObject({ kind: 'extend', until: LATER, after: { tier: 'gold', version: 8 } })
    expect(step?.after.provisional?.map((p) => p.until)).toEqual([LATER, LATER])
    expect(nextReversalStep(rules, step!.after, 600_000, NOW, LATER)).toBeNull()
  })
})
