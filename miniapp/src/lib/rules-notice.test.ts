import Taro from '@tarojs/taro'
import { resetTaroMock } from '../../test/taro-mock'
import { changeLine, dismissNotice, dismissedNoticeIds, noticeLine } from './rules-notice'

const notice = (id: string, text = '积分翻倍') => ({ id, effectiveOn: '2027-01-05', notice: text, changes: [] })

beforeEach(() => resetTaroMock())

describe('rules notices', () => {
  it.each([
    [{ label: '积分规则 › 有效期', before: '12 个月', after: '24 个月' }, '积分规则 › 有效期：12 个月 → 24 个月'],
    [{ label: '等级 › 黑金', before: null, after: '新增：门槛 ¥50,000.00' }, '等级 › 黑金：新增：门槛 ¥50,000.00'],
    [{ label: '签到 › 第 7 天奖励', before: '额外 30 积分', after: null }, '签到 › 第 7 天奖励：额外 30 积分 → 删除'],
  ])('words a change %#', (change, line) => {
    expect(changeLine(change)).toBe(line)
  })

  it('names the date once', () => {
    expect(noticeLine(notice('a'))).toBe('规则变更公告：自 2027-01-05 起 积分翻倍')
    expect(noticeLine(notice('a', '2027-01-05 起积分翻倍'))).toBe('规则变更公告：2027-01-05 起积分翻倍')
  })

  it('remembers dismissed ids, dropping those no longer published', () => {
    Taro.setStorageSync('siyu.dismissedNotices', ['old', 'a', 7])
    expect(dismissedNoticeIds()).toEqual(['old', 'a'])
    expect(dismissNotice('b', [notice('a'), notice('b')])).toEqual(['a', 'b'])
    expect(Taro.getStorageSync('siyu.dismissedNotices')).toEqual(['a', 'b'])
  })
})
