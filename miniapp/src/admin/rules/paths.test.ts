import { getAt, isUnder, pathClass, sectionOfPath, setAt, toPath, toSegments } from './paths'

describe('rules paths', () => {
  it.each([
    ['earning.pointsPerYuan', ['earning', 'pointsPerYuan']],
    ['tiers[1].upgradeGift.points', ['tiers', 1, 'upgradeGift', 'points']],
    ['checkin.bonuses[0]', ['checkin', 'bonuses', 0]],
  ])('reads %s as segments and back', (path, segments) => {
    expect(toSegments(path)).toEqual(segments)
    expect(toPath(segments)).toBe(path)
  })

  it('names the section and a class-safe name of a path', () => {
    expect(sectionOfPath('tiers[2].code')).toBe('tiers')
    expect(pathClass('tiers[1].thresholdFen')).toBe('tiers-1-thresholdFen')
    expect(pathClass('earning.pointsPerYuan')).toBe('earning-pointsPerYuan')
  })

  it('sets a value by copying only the containers on the path', () => {
    const doc = { tiers: [{ code: 'a', gift: { points: 1 } }, { code: 'b' }], other: { x: 1 } }
    const next = setAt(doc, 'tiers[0].gift.points', 5)
    expect(getAt(next, 'tiers[0].gift.points')).toBe(5)
    expect(doc.tiers[0].gift?.points).toBe(1)
    expect(next.other).toBe(doc.other)
    expect(next.tiers[1]).toBe(doc.tiers[1])
    expect(Array.isArray(next.tiers)).toBe(true)
    expect(getAt(next, 'missing.deep')).toBeUndefined()
  })

  it('tells whether a path is inside a list’s items', () => {
    expect(isUnder('tiers[2].code', 'tiers')).toBe(true)
    expect(isUnder('tiers', 'tiers')).toBe(false)
    expect(isUnder('checkin.bonuses[0].day', 'checkin.bonuses')).toBe(true)
    expect(isUnder('checkin.basePoints', 'checkin.bonuses')).toBe(false)
  })
})
