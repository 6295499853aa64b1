/** The console's sections, in the order of its navigation. `adminOnly`: brand-wide pages a store manager may not open. */
export const SECTIONS = [
  { key: 'overview', title: '概览', path: '/admin/index/index', adminOnly: false },
  { key: 'members', title: '会员', path: '/admin/members/index', adminOnly: false },
  { key: 'rules', title: '规则', path: '/admin/rules/index', adminOnly: true },
  { key: 'coupons', title: '优惠券', path: '/admin/coupons/index', adminOnly: true },
  { key: 'stores', title: '门店与员工', path: '/admin/stores/index', adminOnly: false },
  { key: 'referrals', title: '邀请审核', path: '/admin/referrals/index', adminOnly: true },
  { key: 'debtors', title: '欠扣', path: '/admin/debtors/index', adminOnly: true },
  { key: 'audit', title: '操作记录', path: '/admin/audit/index', adminOnly: false },
] as const

export type SectionKey = (typeof SECTIONS)[number]['key']
export type ConsoleRole = 'admin' | 'manager'

export const sectionsFor = (role: ConsoleRole) => SECTIONS.filter((s) => role === 'admin' || !s.adminOnly)
export const sectionOf = (key: SectionKey) => SECTIONS.find((s) => s.key === key)!
