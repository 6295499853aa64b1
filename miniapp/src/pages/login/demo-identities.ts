/** Openids the local stack seeds for h5 dev login (demo-member-1 … demo-member-20 also work by hand). */
export const DEMO_IDENTITIES = [
  { openid: 'demo-member-1', label: '会员 1' },
  { openid: 'demo-member-2', label: '会员 2' },
  { openid: 'demo-member-3', label: '会员 3' },
  { openid: 'demo-clerk-1', label: '员工 1' },
  { openid: 'demo-clerk-2', label: '员工 2' },
  { openid: 'demo-manager-1', label: '店长' },
  { openid: 'demo-admin', label: '管理员' },
] as const

export const DEFAULT_OPENID = 'demo-member-1'
