/** Shared by the console's integration tests (rules, audit, referral review): the people of the authorisation matrix. */
import { randomUUID } from 'node:crypto'
import { call } from '../../../test/integration'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { getDeps } from '../lib/deps'
import { loginByOpenid, setConsents, updateProfile } from '../members/members'
import { handler as authDev } from '../members/handlers/auth-dev'
import { setRoles } from '../members/roles'
import { disableStaff } from '../staff/staff-rights'
import { createStore } from '../stores/stores'

export interface Login { memberId: string; token: string }
export type Who = 'admin' | 'manager' | 'otherManager' | 'clerk' | 'member' | 'disabledManager' | 'demotedAdmin'
/** Everyone refused by a brand-admin route (a manager of another store is refused the same way). */
export const NOT_ADMINS: Who[] = ['manager', 'otherManager', 'clerk', 'member', 'disabledManager', 'demotedAdmin']

const rules = defaultProgramRules()

/** The member consents and takes a nickname (what the console shows). */
export async function name(memberId: string, nickname: string): Promise<void> {
  await setConsents(getDeps(), memberId, { privacyPolicyVersion: rules.privacy.policyVersion, marketing: false, personalisation: false }, rules)
  await updateProfile(getDeps(), memberId, { nickname }, rules)
}

export async function login(nickname?: string): Promise<Login> {
  const openid = `console-${randomUUID()}`
  const first = (await call(authDev, { body: { openid } })).body
  if (nickname) await name(first.member.id, nickname)
  return { memberId: first.member.id, token: first.token }
}

/** A shopper created without a login (so the till helpers of test/till.ts make their member code). */
export async function shopper(nickname: string): Promise<string> {
  const { member } = await loginByOpenid(getDeps(), { openid: `console-${randomUUID()}` })
  await name(member.memberId, nickname)
  return member.memberId
}

/** A member given roles, then logged in again so the token carries them. */
async function withRoles(roles: ('clerk' | 'manager' | 'admin')[], storeId: string | null, nickname: string): Promise<Login> {
  const openid = `console-${randomUUID()}`
  const first = (await call(authDev, { body: { openid } })).body
  await name(first.member.id, nickname)
  await setRoles(getDeps().table, first.member.id, { roles, storeId }, new Date())
  return { memberId: first.member.id, token: (await call(authDev, { body: { openid } })).body.token }
}

/** Two stores and one of each caller; the disabled manager and the demoted admin still hold tokens from before. */
export async function consolePeople(): Promise<Record<Who, Login>> {
  const table = getDeps().table
  for (const [storeId, name] of [['store-1', '静安店'], ['store-2', '徐汇店']]) await createStore(table, { storeId, name, city: '上海', createdAt: new Date().toISOString() })
  const people = {
    admin: await withRoles(['admin'], null, '品牌管理员'),
    manager: await withRoles(['manager'], 'store-1', '静安店长'),
    otherManager: await withRoles(['manager'], 'store-2', '徐汇店长'),
    clerk: await withRoles(['clerk'], 'store-1', '静安店员'),
    member: await login('普通会员'),
    disabledManager: await withRoles(['manager'], 'store-1', '停用店长'),
    demotedAdmin: await withRoles(['admin'], null, '前管理员'),
  }
  await disableStaff({ table, clock: () => new Date() }, people.disabledManager.memberId)
  await setRoles(table, people.demotedAdmin.memberId, { roles: [], storeId: null }, new Date())
  return people
}
