/**
 * Method and path of every HTTP route, without schemas, so the mini-program can import it
 * at run time without pulling zod into the phone bundle. `contract.ts` adds the schemas.
 * `public` routes need no token. Every PATCH route is also served as POST on the same path,
 * because WeChat's wx.request cannot send PATCH.
 */
export const routes = {
  authWechat: { method: 'POST', path: '/v1/auth/wechat', public: true },
  authDev: { method: 'POST', path: '/v1/auth/dev', public: true },
  getMe: { method: 'GET', path: '/v1/me' },
  updateMe: { method: 'PATCH', path: '/v1/me' },
  bindPhone: { method: 'POST', path: '/v1/me/phone' },
  putConsents: { method: 'PUT', path: '/v1/me/consents' },
  getPoints: { method: 'GET', path: '/v1/me/points' },
  getPointsHistory: { method: 'GET', path: '/v1/me/points/history' },
  postAdjustment: { method: 'POST', path: '/v1/admin/points/adjustments' },
  getDebtors: { method: 'GET', path: '/v1/admin/points/debtors' },
  checkIn: { method: 'POST', path: '/v1/checkins' },
  getCheckins: { method: 'GET', path: '/v1/checkins' },
  makeupCheckin: { method: 'POST', path: '/v1/checkins/makeup' },
  getMemberCode: { method: 'GET', path: '/v1/me/member-code' },
  rotateMemberCode: { method: 'POST', path: '/v1/me/member-code/rotate' },
  verifyMemberCode: { method: 'POST', path: '/v1/staff/member-codes/verify' },
  createCouponTemplate: { method: 'POST', path: '/v1/admin/coupon-templates' },
  updateCouponTemplate: { method: 'PATCH', path: '/v1/admin/coupon-templates/{id}' },
  listCouponTemplates: { method: 'GET', path: '/v1/coupon-templates' },
  claimCoupon: { method: 'POST', path: '/v1/coupon-templates/{id}/claim' },
  exchangeCoupon: { method: 'POST', path: '/v1/coupon-templates/{id}/exchange' },
  getMyCoupons: { method: 'GET', path: '/v1/me/coupons' },
  getMyCoupon: { method: 'GET', path: '/v1/me/coupons/{code}' },
  holdCoupon: { method: 'POST', path: '/v1/staff/coupons/{code}/hold' },
  confirmCoupon: { method: 'POST', path: '/v1/staff/coupons/{code}/confirm' },
  releaseCoupon: { method: 'POST', path: '/v1/staff/coupons/{code}/release' },
  redeemCoupon: { method: 'POST', path: '/v1/staff/coupons/{code}/redeem' },
  voidCoupon: { method: 'POST', path: '/v1/staff/coupons/{code}/void' },
  createStore: { method: 'POST', path: '/v1/admin/stores' },
  listStores: { method: 'GET', path: '/v1/admin/stores' },
  createStaffInvite: { method: 'POST', path: '/v1/admin/staff-invites' },
  disableStaff: { method: 'POST', path: '/v1/admin/staff/{memberId}/disable' },
  removeMemberRole: { method: 'DELETE', path: '/v1/admin/members/{memberId}/roles/{role}' },
  bindStaff: { method: 'POST', path: '/v1/staff/bind' },
  recordPurchase: { method: 'POST', path: '/v1/staff/purchases' },
  recordRefund: { method: 'POST', path: '/v1/staff/refunds' },
  redeemPoints: { method: 'POST', path: '/v1/staff/points/redemptions' },
  voidAction: { method: 'POST', path: '/v1/staff/actions/{id}/void' },
  getStaffSummary: { method: 'GET', path: '/v1/staff/summary' },
  getAudit: { method: 'GET', path: '/v1/manager/audit' },
  getMyTier: { method: 'GET', path: '/v1/me/tier' },
  getMyInvite: { method: 'GET', path: '/v1/me/invite' },
  getMyReferrals: { method: 'GET', path: '/v1/me/referrals' },
  openInvite: { method: 'POST', path: '/v1/referrals/opens', public: true },
  bindReferral: { method: 'POST', path: '/v1/referrals/bind' },
  listReferralsAdmin: { method: 'GET', path: '/v1/admin/referrals' },
  listDeadLetters: { method: 'GET', path: '/v1/admin/dead-letters' },
  replayDeadLetter: { method: 'POST', path: '/v1/admin/dead-letters/{id}/replay' },
  getProgram: { method: 'GET', path: '/v1/program', public: true },
  getAdminProgram: { method: 'GET', path: '/v1/admin/program' },
  putAdminProgram: { method: 'PUT', path: '/v1/admin/program' },
  getOpenApi: { method: 'GET', path: '/v1/openapi.json', public: true },
} as const

export type RouteName = keyof typeof routes

/** The methods a route is served on: PATCH routes also answer POST (see above). */
export const methodsOf = (route: { method: string }): string[] => (route.method === 'PATCH' ? ['PATCH', 'POST'] : [route.method])
export type HttpMethod = (typeof routes)[RouteName]['method']
