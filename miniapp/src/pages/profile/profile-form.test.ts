import type { Member } from '@/store/member-store'
import { profileChanges } from './profile-form'

const member = (fields: Partial<Member>) => ({ nickname: '小思', birthday: null, ...fields }) as Member

describe('profileChanges', () => {
  it.each([
    ['a new nickname', member({}), { nickname: ' 思思 ', birthday: '' }, { nickname: '思思' }],
    ['a first birthday', member({}), { nickname: '小思', birthday: '1990-05-01' }, { birthday: '1990-05-01' }],
    ['a first nickname', member({ nickname: null }), { nickname: '阿宇', birthday: '' }, { nickname: '阿宇' }],
    ['both', member({ nickname: null }), { nickname: '阿宇', birthday: '1990-05-01' }, { nickname: '阿宇', birthday: '1990-05-01' }],
  ])('sends %s', (_, m, form, body) => {
    expect(profileChanges(m, form)).toEqual({ ok: true, body })
  })

  it.each([
    ['an emptied nickname', member({}), { nickname: '  ', birthday: '' }, '昵称不能为空'],
    ['a nickname over 32 characters', member({}), { nickname: 'x'.repeat(33), birthday: '' }, '昵称最多 32 个字符'],
    ['no change', member({}), { nickname: '小思', birthday: '' }, '没有需要保存的修改'],
    ['a locked birthday only', member({ birthday: '1990-05-01' }), { nickname: '小思', birthday: '1991-01-01' }, '没有需要保存的修改'],
  ])('refuses %s', (_, m, form, message) => {
    expect(profileChanges(m, form)).toEqual({ ok: false, message })
  })
})
