import type { Member } from '@/store/member-store'
import { profileChanges } from './profile-form'

const member = (fields: Partial<Member>) => ({ nickname: '小思', birthday: null, ...fields }) as Member

describe('profileChanges', () => {
  it.each([
    ['a new nickname', member({}), { nickname: ' 思思 ', birthday: '' }, { nickname: '思思' }],
    ['a first birthday', member({}), { nickname: '小思', birthday: '1990-05-01' }, { birthday: '1990-05-01' }],
    ['a first nickname', member({ nickname: null }), { nickname: '阿宇', birthday: '' }, { nickname: '阿宇' }],
    ['both', member({ nickname: null }), { nickname: '阿宇', birthday: '1990-05-01' }, { nickname: '阿宇', birthday: '1990-05-01' }],
    ['a nickname in NFC, as the server stores it', member({}), { nickname: 'Ame\u0301lie', birthday: '' }, { nickname: 'Am\u00e9lie' }],
  ])('sends %s', (_, m, form, body) => {
    expect(profileChanges(m, form)).toEqual({ ok: true, body })
  })

  it.each([
    ['an emptied nickname', member({}), { nickname: '  ', birthday: '' }, '昵称不能为空'],
    ['a nickname over 32 characters', member({}), { nickname: 'x'.repeat(33), birthday: '' }, '昵称最多 32 个字符'],
    ['a control character', member({}), { nickname: '小\u0000思', birthday: '' }, '昵称不能包含控制字符'],
    ['a right-to-left override', member({}), { nickname: '\u202Egnp.exe', birthday: '' }, '昵称不能包含文字方向控制字符'],
    ['a lone surrogate', member({}), { nickname: '小思\uD800', birthday: '' }, '昵称含有无效字符'],
    ['the same name in another normal form', member({ nickname: 'Am\u00e9lie' }), { nickname: 'Ame\u0301lie', birthday: '' }, '没有需要保存的修改'],
    ['no change', member({}), { nickname: '小思', birthday: '' }, '没有需要保存的修改'],
    ['a locked birthday only', member({ birthday: '1990-05-01' }), { nickname: '小思', birthday: '1991-01-01' }, '没有需要保存的修改'],
  ])('refuses %s', (_, m, form, message) => {
    expect(profileChanges(m, form)).toEqual({ ok: false, message })
  })
})
