import { z } from 'zod'
import { DevLoginRequest, LoginResponse, WechatLoginRequest } from '../schemas/auth'
import { Role } from '../schemas/common'
import { ConsentsRequest, Member, MemberRoleParams, PhoneRequest, UpdateMeRequest } from '../schemas/members'
import { AdjustmentRequest, AdjustmentResponse, DebtorsQuery, PointsHistoryPage, PointsHistoryQuery, PointsSummary } from '../schemas/points'
import { CalendarQuery, CheckinCalendar, CheckinResult, MakeupRequest } from '../schemas/checkin'
import {
  ClaimResponse, ClaimableTemplates, Coupon, CouponCodeParams, CouponTemplate, CouponTemplateInput, CouponTemplatePatch, CouponsPage,
  HoldRequest, MyCouponsQuery, OrderRequest, TemplateIdParams, TillCouponResult,
} from '../schemas/coupons'
import {
  ActionIdParams, AuditPage, AuditQuery, BindStaffRequest, BindStaffResponse, CreateStoreRequest, DateQuery, MemberIdParams, PurchaseRequest,
  RedemptionRequest, RefundRequest, StaffInvite, StaffInviteRequest, Store, StoreDaySummary, StoresList, TillAction,
} from '../schemas/staff'
import { MemberCard, MemberCodeSecret, VerifyMemberCodeRequest } from '../schemas/member-code'
import { MyTier } from '../schemas/tiers'
import {
  BindReferralRequest, BindReferralResponse, MyInvite, OpenInviteRequest, OpenInviteResponse, PageQuery, ReferralsPage,
} from '../schemas/referrals'
import { DeadLetterIdParams, DeadLetterReplayed, DeadLettersPage, DeadLettersQuery } from '../schemas/events'
import {
  AdminCouponTemplate, AdminMemberParams, AdminTemplatesPage, AdminTemplatesQuery, ConsoleAuditPage, ConsoleAuditQuery, ConsoleDebtorsPage, ConsoleOperator, MemberDetail,
  MemberSearchPage, MemberSearchQuery, Overview, OverviewQuery, ReviewReferralsPage, ReviewReferralsQuery, RulesVersionsPage, ScheduleChangeRequest,
  ScheduledChange, ScheduledChangeParams, ScheduledChangesList, StaffPage, StaffQuery, StoreIdParams, UpdateStoreRequest,
} from '../schemas/console'
import { ProgramRules, PublicProgram, UpdateProgramRequest } from '../rules/program-rules'
import { routes, type RouteName } from './routes'

type Schema = z.ZodType

export interface RouteContract {
  method: string
  path: string
  summary: string
  tag: string
  /**
   * Roles allowed to call; `public` routes need no token. On admin routes (roles include `admin`,
   * not `member`) the adapter also checks the roles stored on the member item, not only the token's.
   */
  roles: readonly Role[] | 'public'
  body?: Schema
  query?: Schema
  params?: Schema
  response: Schema
  /** Request headers the route reads (documented in OpenAPI; checked by the handler); required unless `optional`. */
  headers?: readonly { name: string; description: string; optional?: boolean }[]
  /** Status of a successful answer (default 200). */
  status?: number
}

/** The console's users: brand admins everywhere, store managers on their store's pages. */
const consoleOperators = ['admin', 'manager'] as const satisfies readonly Role[]

const anyMember = ['member', 'clerk', 'manager', 'admin'] as const satisfies readonly Role[]

/** The one source of API shapes: handlers validate with it, the app types its client from it, OpenAPI is generated from it. */
export const contract = {
  authWechat: {
    ...routes.authWechat, tag: 'auth', roles: 'public',
    summary: 'Log in with a wx.login code; creates the member on first login',
    body: WechatLoginRequest, response: LoginResponse,
  },
  authDev: {
    ...routes.authDev, tag: 'auth', roles: 'public',
    summary: 'Development login by openid (the local stack only: not part of a deployable template; 404 elsewhere)',
    body: DevLoginRequest, response: LoginResponse,
  },
  getMe: { ...routes.getMe, tag: 'members', roles: anyMember, summary: 'The calling member', response: Member },
  updateMe: {
    ...routes.updateMe, tag: 'members', roles: anyMember,
    summary: 'Edit nickname, avatar and birthday (birthday can be set once)',
    body: UpdateMeRequest, response: Member,
  },
  bindPhone: {
    ...routes.bindPhone, tag: 'members', roles: anyMember,
    summary: 'Bind the phone number from a getPhoneNumber code; stored protected, returned masked',
    body: PhoneRequest, response: Member,
  },
  putConsents: {
    ...routes.putConsents, tag: 'members', roles: anyMember,
    summary: 'Accept the privacy policy and set marketing and personalisation opt-ins',
    body: ConsentsRequest, response: Member,
  },
  getPoints: {
    ...routes.getPoints, tag: 'points', roles: anyMember,
    summary: 'Points balance: available, pending, debt, expiring soon, lots and lifetime figures', response: PointsSummary,
  },
  getPointsHistory: {
    ...routes.getPointsHistory, tag: 'points', roles: anyMember,
    summary: 'Points entries, newest first, with cursor pagination and an optional code filter',
    query: PointsHistoryQuery, response: PointsHistoryPage,
  },
  postAdjustment: {
    ...routes.postAdjustment, tag: 'points', roles: consoleOperators,
    summary: 'Operator adjustment of a member’s points (audited; a replay with the same Idempotency-Key returns the original entry)',
    body: AdjustmentRequest, response: AdjustmentResponse,
    headers: [{ name: 'Idempotency-Key', description: 'Required: 8–64 characters [A-Za-z0-9_-], unique per adjustment' }],
  },
  getDebtors: {
    ...routes.getDebtors, tag: 'points', roles: ['admin'],
    summary: 'Members whose clawbacks exceeded their balance (points owed), with their names', query: DebtorsQuery, response: ConsoleDebtorsPage,
  },
  checkIn: {
    ...routes.checkIn, tag: 'checkins', roles: anyMember,
    summary: 'Check in for today (Shanghai date); a repeat the same day returns the first result and changes nothing',
    response: CheckinResult,
  },
  getCheckins: {
    ...routes.getCheckins, tag: 'checkins', roles: anyMember,
    summary: 'A month of check-ins (default: this month): checked days, streak, next bonus, make-up state',
    query: CalendarQuery, response: CheckinCalendar,
  },
  makeupCheckin: {
    ...routes.makeupCheckin, tag: 'checkins', roles: anyMember,
    summary: 'Make-up check-in (补签) for a missed day of this month: costs points, pays the base reward, rejoins the streak',
    body: MakeupRequest, response: CheckinResult,
  },
  getMemberCode: {
    ...routes.getMemberCode, tag: 'member-code', roles: anyMember,
    summary: 'The secret the app computes the rotating member code from (cache it; codes then work offline)', response: MemberCodeSecret,
  },
  rotateMemberCode: {
    ...routes.rotateMemberCode, tag: 'member-code', roles: anyMember,
    summary: 'Replace the member-code secret; codes from the old one stop working', response: MemberCodeSecret,
  },
  verifyMemberCode: {
    ...routes.verifyMemberCode, tag: 'member-code', roles: ['clerk', 'manager'],
    summary: 'Verify a scanned member code (current step ±1) and return the member card',
    body: VerifyMemberCodeRequest, response: MemberCard,
  },
  createCouponTemplate: {
    ...routes.createCouponTemplate, tag: 'coupons', roles: ['admin'], status: 201,
    summary: 'Create a coupon template (kind, scope, validity, stock, per-member limit, channel); a retry under the same Idempotency-Key answers 201 with the first template and adds no stock',
    body: CouponTemplateInput, response: CouponTemplate,
    headers: [{ name: 'Idempotency-Key', description: 'Required: 8–64 characters [A-Za-z0-9_-], unique per template (per admin); the same key with another payload is 409 idempotency.mismatch' }],
  },
  updateCouponTemplate: {
    ...routes.updateCouponTemplate, tag: 'coupons', roles: ['admin'],
    summary: 'Edit title, description, pause, raise stock or limit',
    params: TemplateIdParams, body: CouponTemplatePatch, response: CouponTemplate,
  },
  listCouponTemplates: {
    ...routes.listCouponTemplates, tag: 'coupons', roles: anyMember,
    summary: 'Coupons this member can claim or exchange now (not ended, not paused; at most 100), newest first, with stock state and why not when blocked', response: ClaimableTemplates,
  },
  claimCoupon: {
    ...routes.claimCoupon, tag: 'coupons', roles: anyMember,
    summary: 'Claim a public coupon: one unit of sharded stock, under the per-member limit; idempotent',
    params: TemplateIdParams, response: ClaimResponse,
    headers: [{ name: 'Idempotency-Key', description: 'Required: 8–64 characters [A-Za-z0-9_-], one per claim; a retry under it answers the first coupon' }],
  },
  exchangeCoupon: {
    ...routes.exchangeCoupon, tag: 'coupons', roles: anyMember,
    summary: 'Exchange points for a coupon: the points and the coupon in one transaction; idempotent',
    params: TemplateIdParams, response: ClaimResponse,
    headers: [{ name: 'Idempotency-Key', description: 'Required: 8–64 characters [A-Za-z0-9_-], one per exchange; a retry under it answers the first coupon and spends nothing more' }],
  },
  getMyCoupons: {
    ...routes.getMyCoupons, tag: 'coupons', roles: anyMember,
    summary: 'The member’s coupons by status (available, held, used, expired), newest first',
    query: MyCouponsQuery, response: CouponsPage,
  },
  getMyCoupon: {
    ...routes.getMyCoupon, tag: 'coupons', roles: anyMember,
    summary: 'One of the member’s coupons, for its detail page', params: CouponCodeParams, response: Coupon,
  },
  holdCoupon: {
    ...routes.holdCoupon, tag: 'till', roles: ['clerk', 'manager'],
    summary: 'Hold a coupon for an order for 10 minutes with its computed discount (idempotent by order; audited; counts against the till allowance)',
    params: CouponCodeParams, body: HoldRequest, response: TillCouponResult,
  },
  confirmCoupon: {
    ...routes.confirmCoupon, tag: 'till', roles: ['clerk', 'manager'],
    summary: 'Confirm the held coupon: it is used by this order (exactly one order can; only the holding store)', params: CouponCodeParams, body: OrderRequest, response: TillCouponResult,
  },
  releaseCoupon: {
    ...routes.releaseCoupon, tag: 'till', roles: ['clerk', 'manager'],
    summary: 'Release an order’s hold (only the holding store)', params: CouponCodeParams, body: OrderRequest, response: TillCouponResult,
  },
  redeemCoupon: {
    ...routes.redeemCoupon, tag: 'till', roles: ['clerk', 'manager'],
    summary: 'Hold and confirm in one step', params: CouponCodeParams, body: HoldRequest, response: TillCouponResult,
  },
  voidCoupon: {
    ...routes.voidCoupon, tag: 'till', roles: ['clerk', 'manager'],
    summary: 'Undo a redemption within 15 minutes: the coupon is usable again (only the redeeming store)', params: CouponCodeParams, body: OrderRequest, response: TillCouponResult,
  },
  createStore: {
    ...routes.createStore, tag: 'staff', roles: ['admin'], status: 201,
    summary: 'Create a store', body: CreateStoreRequest, response: Store,
  },
  listStores: { ...routes.listStores, tag: 'staff', roles: consoleOperators, summary: 'The brand’s stores (a manager: their own store only)', response: StoresList },
  createStaffInvite: {
    ...routes.createStaffInvite, tag: 'staff', roles: ['admin'], status: 201,
    summary: 'A one-time binding code (24 h) that makes whoever redeems it a clerk or manager of a store',
    body: StaffInviteRequest, response: StaffInvite,
  },
  disableStaff: {
    ...routes.disableStaff, tag: 'staff', roles: ['admin'],
    summary: 'Disable a staff member at once (their open sessions lose staff rights too)', params: MemberIdParams, response: Member,
  },
  removeMemberRole: {
    ...routes.removeMemberRole, tag: 'members', roles: ['admin'],
    summary: 'Take one role (clerk, manager, admin) from a member at once; audited; removing a role the member lacks changes nothing; never your own',
    params: MemberRoleParams, response: Member,
  },
  bindStaff: {
    ...routes.bindStaff, tag: 'staff', roles: anyMember,
    summary: 'Bind the calling WeChat identity with an invite code; answers with a fresh session', body: BindStaffRequest, response: BindStaffResponse,
  },
  recordPurchase: {
    ...routes.recordPurchase, tag: 'till', roles: ['clerk', 'manager'],
    summary: 'Record a purchase for a scanned member code: pending points, growth, optionally the coupon held for the order; idempotent by order id',
    body: PurchaseRequest, response: TillAction,
  },
  recordRefund: {
    ...routes.recordRefund, tag: 'till', roles: ['clerk', 'manager'],
    summary: 'Refund (part of) an order: reverses its points in proportion, reduces growth, returns the coupon per its template; idempotent by refund id',
    body: RefundRequest, response: TillAction,
  },
  redeemPoints: {
    ...routes.redeemPoints, tag: 'till', roles: ['clerk', 'manager'],
    summary: 'Points as cash off an order at the rules’ rate, within the per-order cap; idempotent by order id',
    body: RedemptionRequest, response: TillAction,
  },
  voidAction: {
    ...routes.voidAction, tag: 'till', roles: ['clerk', 'manager'],
    summary: 'Undo a purchase or redemption: your own within the void window; managers any of their store that day',
    params: ActionIdParams, response: TillAction,
  },
  getStaffSummary: {
    ...routes.getStaffSummary, tag: 'till', roles: ['clerk', 'manager'],
    summary: 'The store’s day: purchases, points issued, coupons redeemed, refunds, redemptions', query: DateQuery, response: StoreDaySummary,
  },
  getAudit: {
    ...routes.getAudit, tag: 'till', roles: ['manager'],
    summary: 'The store’s immutable audit entries of a day, optionally of one staff member', query: AuditQuery, response: AuditPage,
  },
  getMyTier: {
    ...routes.getMyTier, tag: 'tiers', roles: anyMember,
    summary: 'The member’s tier, growth over the last 12 months, what reaches the next tier and keeps this one, benefits, history',
    response: MyTier,
  },
  getMyInvite: {
    ...routes.getMyInvite, tag: 'referrals', roles: anyMember,
    summary: 'The member’s invite code and share path, invitees by status, progress to the next milestone', response: MyInvite,
  },
  getMyReferrals: {
    ...routes.getMyReferrals, tag: 'referrals', roles: anyMember,
    summary: 'The member’s invitees, newest first, with masked names and status', query: PageQuery, response: ReferralsPage,
  },
  openInvite: {
    ...routes.openInvite, tag: 'referrals', roles: 'public',
    summary: 'A share was opened with an invite code: a ticket signed over the code and the server’s time, which bind decides newness from',
    body: OpenInviteRequest, response: OpenInviteResponse,
  },
  bindReferral: {
    ...routes.bindReferral, tag: 'referrals', roles: anyMember,
    summary: 'Bind the calling newcomer (registered after the ticket’s open) to the inviter of a code, once and forever; refusals are recorded with their reason',
    body: BindReferralRequest, response: BindReferralResponse,
  },
  listReferralsAdmin: {
    ...routes.listReferralsAdmin, tag: 'referrals', roles: ['admin'],
    summary: 'Referrals to review, newest first: refused binds with their reasons, binds left unrewarded by a cap, clawbacks', query: ReviewReferralsQuery, response: ReviewReferralsPage,
  },
  listDeadLetters: {
    ...routes.listDeadLetters, tag: 'events', roles: ['admin'],
    summary: 'After-commit reactions that kept failing (dead letters), newest first, with the event each was for',
    query: DeadLettersQuery, response: DeadLettersPage,
  },
  replayDeadLetter: {
    ...routes.replayDeadLetter, tag: 'events', roles: ['admin'],
    summary: 'Run a dead letter’s reaction again; on success it is marked handled and the letter is removed (a reaction that fails again stays listed, 409)',
    params: DeadLetterIdParams, response: DeadLetterReplayed,
  },
  getProgram: {
    ...routes.getProgram, tag: 'program', roles: 'public',
    summary: 'The public part of the program rules', response: PublicProgram,
  },
  getAdminProgram: {
    ...routes.getAdminProgram, tag: 'program', roles: ['admin'],
    summary: 'The whole program-rules document (brand admin)', response: ProgramRules,
  },
  putAdminProgram: {
    ...routes.putAdminProgram, tag: 'program', roles: ['admin'],
    summary: 'Publish a new rules version; refused with 409 if baseVersion is not the current version',
    body: UpdateProgramRequest, response: ProgramRules,
  },
  getConsoleMe: {
    ...routes.getConsoleMe, tag: 'console', roles: consoleOperators,
    summary: 'The console’s caller: name, role and (a manager’s) store, from the stored member item', response: ConsoleOperator,
  },
  getOverview: {
    ...routes.getOverview, tag: 'console', roles: consoleOperators,
    summary: 'Today’s and this month’s figures and the points liability (a manager: their store’s figures only)', query: OverviewQuery, response: Overview,
  },
  searchMembers: {
    ...routes.searchMembers, tag: 'console', roles: consoleOperators,
    summary: 'Find members by full phone (exact, via the phone hash), member code, short id, member id or nickname prefix', query: MemberSearchQuery, response: MemberSearchPage,
  },
  getMemberDetail: {
    ...routes.getMemberDetail, tag: 'console', roles: consoleOperators,
    summary: 'A member’s profile (masked), tier and growth, points, consents, staff rights and referral', params: AdminMemberParams, response: MemberDetail,
  },
  getMemberHistoryAdmin: {
    ...routes.getMemberHistoryAdmin, tag: 'console', roles: consoleOperators,
    summary: 'A member’s ledger entries, newest first', params: AdminMemberParams, query: PointsHistoryQuery, response: PointsHistoryPage,
  },
  getMemberCouponsAdmin: {
    ...routes.getMemberCouponsAdmin, tag: 'console', roles: consoleOperators,
    summary: 'A member’s coupons, newest first', params: AdminMemberParams, query: MyCouponsQuery, response: CouponsPage,
  },
  getMemberCheckinsAdmin: {
    ...routes.getMemberCheckinsAdmin, tag: 'console', roles: consoleOperators,
    summary: 'A member’s check-ins of a month', params: AdminMemberParams, query: CalendarQuery, response: CheckinCalendar,
  },
  getMemberReferralsAdmin: {
    ...routes.getMemberReferralsAdmin, tag: 'console', roles: consoleOperators,
    summary: 'The members a member invited, newest first', params: AdminMemberParams, query: PageQuery, response: ReferralsPage,
  },
  restoreStaff: {
    ...routes.restoreStaff, tag: 'staff', roles: ['admin'],
    summary: 'Give a disabled staff member their rights back (audited)', params: MemberIdParams, response: Member,
  },
  listStaff: {
    ...routes.listStaff, tag: 'staff', roles: consoleOperators,
    summary: 'Staff of a store (or of every store) with names and roles (a manager: their own store)', query: StaffQuery, response: StaffPage,
  },
  updateStore: {
    ...routes.updateStore, tag: 'staff', roles: ['admin'],
    summary: 'Rename a store, or open or close it (audited)', params: StoreIdParams, body: UpdateStoreRequest, response: Store,
  },
  listCouponTemplatesAdmin: {
    ...routes.listCouponTemplatesAdmin, tag: 'coupons', roles: ['admin'],
    summary: 'Every coupon template with its stock taken and left and its redemptions, newest first', query: AdminTemplatesQuery, response: AdminTemplatesPage,
  },
  endCouponTemplate: {
    ...routes.endCouponTemplate, tag: 'coupons', roles: ['admin'],
    summary: 'End a template now: no more claims; coupons already claimed stay usable until they expire (audited); an ended template answers as it is', params: TemplateIdParams, response: AdminCouponTemplate,
  },
  listProgramVersions: {
    ...routes.listProgramVersions, tag: 'program', roles: ['admin'],
    summary: 'Published rules versions, newest first: who, when and what changed', query: PageQuery, response: RulesVersionsPage,
  },
  listScheduledChanges: {
    ...routes.listScheduledChanges, tag: 'program', roles: ['admin'],
    summary: 'Rule changes scheduled for a future date, and those applied, cancelled or failed', response: ScheduledChangesList,
  },
  scheduleProgramChange: {
    ...routes.scheduleProgramChange, tag: 'program', roles: ['admin'], status: 201,
    summary: 'Schedule a change of earn rates, expiry or tiers for a future date with a notice members see until it applies',
    body: ScheduleChangeRequest, response: ScheduledChange,
    headers: [{ name: 'Idempotency-Key', description: 'Required: 8–64 characters [A-Za-z0-9_-], one per scheduled change' }],
  },
  cancelScheduledChange: {
    ...routes.cancelScheduledChange, tag: 'program', roles: ['admin'],
    summary: 'Cancel a scheduled change before it applies (its notice is withdrawn)', params: ScheduledChangeParams, response: ScheduledChange,
  },
  listConsoleAudit: {
    ...routes.listConsoleAudit, tag: 'console', roles: consoleOperators,
    summary: 'The audit trail of the brand (admin) or the caller’s store (manager), newest first, with names', query: ConsoleAuditQuery, response: ConsoleAuditPage,
  },
  getOpenApi: {
    ...routes.getOpenApi, tag: 'meta', roles: 'public',
    summary: 'This OpenAPI document', response: z.record(z.string(), z.unknown()),
  },
} as const satisfies Record<RouteName, RouteContract>

export type Contract = typeof contract

type InputOf<S> = S extends z.ZodType ? z.input<S> : undefined
type OutputOf<S> = S extends z.ZodType ? z.output<S> : undefined

/** Request and response types per route, for the typed client (import type only). */
export type ApiTypes = {
  [K in RouteName]: {
    body: InputOf<Contract[K] extends { body: infer B } ? B : undefined>
    query: InputOf<Contract[K] extends { query: infer Q } ? Q : undefined>
    params: InputOf<Contract[K] extends { params: infer P } ? P : undefined>
    response: OutputOf<Contract[K]['response']>
  }
}
