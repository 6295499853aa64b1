import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import type { Role } from '@siyu/shared/schemas/common'
import type { Table } from '../../functions/src/lib/db'
import { loginByOpenid, setConsents, setPhone, updateProfile } from '../../functions/src/members/members'
import { setRoles } from '../../functions/src/members/roles'
import { loadRules, saveRules } from '../../functions/src/program/rules-repo'
import { createStore } from '../../functions/src/stores/stores'
import { loadDemoClaims, loadDemoTemplates } from './demo-coupons'
import { loadDemoLedger } from './demo-ledger'

/** Demo data is always the same: fixed ids, fixed dates relative to a fixed epoch. */
const EPOCH = Date.parse('2026-08-01T02:00:00Z')
const day = (n: number) => new Date(EPOCH + n * 86_400_000)

export const demoStores = [
  { storeId: 'store-1', name: '思域·静安旗舰店', city: '上海' },
  { storeId: 'store-2', name: '思域·徐汇店', city: '上海' },
]

export const demoStaff: { openid: string; nickname: string; roles: Role[]; storeId: string | null }[] = [
  { openid: 'demo-admin', nickname: '品牌管理员', roles: ['admin'], storeId: null },
  { openid: 'demo-manager-1', nickname: '静安店长', roles: ['manager'], storeId: 'store-1' },
  { openid: 'demo-clerk-1', nickname: '静安店员', roles: ['clerk'], storeId: 'store-1' },
  { openid: 'demo-clerk-2', nickname: '徐汇店员', roles: ['clerk'], storeId: 'store-2' },
]

const NICKNAMES = ['小王', '李女士', '阿杰', '陈先生', '周周', '吴小姐', '郑同学', '孙阿姨', '赵先生', '钱多多',
  '林林', '何小姐', '高先生', '罗罗', '梁女士', '宋同学', '唐先生', '许小姐', '韩韩', '冯先生']

export const demoMemberOpenids = Array.from({ length: 20 }, (_, i) => `demo-member-${i + 1}`)

/** Deterministic member id for a demo openid (member ids are otherwise random). */
export const demoMemberId = (openid: string) => `m_${openid.replace(/[^a-z0-9]/g, '').padEnd(10, '0')}`

/**
 * Loads the demo program: rules v1, two stores, staff and 20 members with profiles, consents,
 * phones and birthdays, joined over the months before the epoch, and their points history (dated
 * relative to `now`, see demo-ledger). Built through the same domain functions the API uses, and
 * safe to run again. `piiKey` is the running stack's key. `settled` waits for the table's stream
 * consumer to handle what was written so far: what follows a sale (its tier upgrade, a referral's
 * qualification) happens there, and later demo steps build on it.
 */
export async function loadDemoData(table: Table, piiKey: Buffer, settled: () => Promise<void>, now = new Date()): Promise<{ members: number; staff: number; stores: number }> {
  await saveRules(table, defaultProgramRules(), day(-90)).catch((err: { code?: string }) => {
    if (err.code !== 'rules.version_conflict') throw err // already stored
  })
  const rules = await loadRules(table)
  for (const store of demoStores) await createStore(table, { ...store, createdAt: day(-90).toISOString() })

  for (const [i, staff] of demoStaff.entries()) {
    const deps = { table, clock: () => day(-80 + i), ids: () => demoMemberId(staff.openid) }
    const { member } = await loginByOpenid(deps, { openid: staff.openid })
    await setConsents(deps, member.memberId, { privacyPolicyVersion: rules.privacy.policyVersion, marketing: false, personalisation: false }, rules)
    await updateProfile(deps, member.memberId, { nickname: staff.nickname }, rules)
    await setRoles(table, member.memberId, { roles: staff.roles, storeId: staff.storeId }, day(-80 + i))
  }

  for (const [i, openid] of demoMemberOpenids.entries()) {
    const deps = { table, clock: () => day(-75 + i * 3), ids: () => demoMemberId(openid) }
    const { member } = await loginByOpenid(deps, { openid })
    await setConsents(deps, member.memberId, {
      privacyPolicyVersion: rules.privacy.policyVersion,
      marketing: i % 3 !== 0,
      personalisation: i % 2 === 0,
    }, rules)
    const birthday = i % 4 === 3 ? {} : { birthday: `19${80 + i}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}` }
    await updateProfile(deps, member.memberId, { nickname: NICKNAMES[i], ...birthday }, rules)
    if (i % 5 !== 4) await setPhone({ ...deps, piiKey }, member.memberId, String(13800000000 + i * 1111), rules)
  }
  const memberIds = demoMemberOpenids.map(demoMemberId)
  const templates = await loadDemoTemplates(table, now)
  const clerks = demoStaff.flatMap((s) => (s.roles.includes('clerk') && s.storeId ? [{ staffId: demoMemberId(s.openid), storeId: s.storeId, role: 'clerk' as const }] : []))
  await loadDemoLedger(table, piiKey, rules, memberIds, clerks, templates, now, settled)
  await loadDemoClaims(table, templates, memberIds, now)
  await settled()
  return { members: demoMemberOpenids.length, staff: demoStaff.length, stores: demoStores.length }
}
