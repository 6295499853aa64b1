import { z } from 'zod'
import { Cursor, IsoDate, MemberId, Role, StoreId, Timestamp } from './common'
import { Consents } from './members'
import { PointsSummary } from './points'
import { CouponTemplate } from './coupons'
import { StaffRole } from './staff'

/**
 * The brand's console (the `admin` subpackage): every shape its pages read. Names, never bare
 * ids: a person is shown as nickname + masked phone, a store by its name.
 */

/** A member, staff member or operator as the console shows them. */
export const PersonRef = z
  .object({
    id: z.string(),
    /** The nickname, or 未设置昵称 when the member never set one. */
    name: z.string(),
    /** Masked, e.g. 138****0000; null when no phone is bound. */
    phone: z.string().nullable(),
  })
  .meta({ id: 'PersonRef' })
export type PersonRef = z.infer<typeof PersonRef>

export const StoreRef = z.object({ id: z.string(), name: z.string() }).meta({ id: 'StoreRef' })
export type StoreRef = z.infer<typeof StoreRef>

/** Who is using the console and what they may see (from the stored member item, not the token). */
export const ConsoleOperator = z
  .object({
    operator: PersonRef,
    role: z.enum(['admin', 'manager']),
    /** A manager's store; null for a brand admin. */
    store: StoreRef.nullable(),
  })
  .meta({ id: 'ConsoleOperator' })
export type ConsoleOperator = z.infer<typeof ConsoleOperator>

// ── 概览 ────────────────────────────────────────────────────────────────────────────────────

export const OverviewQuery = z.object({ storeId: StoreId.optional() }).strict()

/** One period's figures. Figures that have no store (joins, claims) are null in a store's scope. */
export const OverviewFigures = z.object({
  membersJoined: z.number().int().nullable(),
  purchases: z.number().int(),
  /** Amount of purchases (fen) as rung up at the till (before coupon discounts and refunds), as the store's day summary counts it; a voided purchase is taken out of its day. */
  purchaseFen: z.number().int(),
  pointsIssued: z.number().int(),
  pointsRedeemed: z.number().int(),
  couponsClaimed: z.number().int().nullable(),
  couponsRedeemed: z.number().int(),
})
export type OverviewFigures = z.infer<typeof OverviewFigures>

export const Overview = z
  .object({
    store: StoreRef.nullable(),
    /** Shanghai date of "today" and the month (YYYY-MM) the month figures cover. */
    date: IsoDate,
    month: z.string(),
    today: OverviewFigures,
    thisMonth: OverviewFigures,
    /** Points members hold (available + pending − debt) and their cash value at the till's rate; brand scope only. */
    liability: z.object({ points: z.number().int(), valueFen: z.number().int(), redeemPointsPerYuan: z.number().int() }).nullable(),
    asOf: Timestamp,
  })
  .meta({ id: 'Overview' })
export type Overview = z.infer<typeof Overview>

// ── 会员 ────────────────────────────────────────────────────────────────────────────────────

/**
 * `q`: an 11-digit phone (exact, through the phone hash), a member code shown at the till or an
 * 8-digit short id, a member id (m_…), or otherwise a nickname prefix (at least 1 character).
 */
export const MemberSearchQuery = z
  .object({ q: z.string().trim().min(1, '请输入手机号、会员码或昵称').max(40), cursor: Cursor.optional(), limit: z.coerce.number().int().min(1).max(50).default(20) })
  .strict()
export type MemberSearchQuery = z.infer<typeof MemberSearchQuery>

export const MemberRow = z
  .object({
    member: PersonRef,
    tier: z.object({ code: z.string(), name: z.string() }),
    available: z.number().int(),
    debt: z.number().int(),
    roles: z.array(Role),
    createdAt: Timestamp,
  })
  .meta({ id: 'MemberRow' })
export type MemberRow = z.infer<typeof MemberRow>

export const MemberSearchPage = z
  .object({
    matchedBy: z.enum(['phone', 'member_code', 'short_id', 'member_id', 'nickname']),
    items: z.array(MemberRow),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'MemberSearchPage' })
export type MemberSearchPage = z.infer<typeof MemberSearchPage>

export const MemberDetail = z
  .object({
    member: PersonRef,
    avatarUrl: z.string().nullable(),
    /** Month and day only (MM-DD): the year is not the console's business. */
    birthday: z.string().nullable(),
    roles: z.array(Role),
    createdAt: Timestamp,
    lastInteractionAt: Timestamp.nullable(),
    tier: z.object({
      code: z.string(),
      name: z.string(),
      /** Qualifying spend (fen) over the last 12 months. */
      growthFen: z.number().int(),
      next: z.object({ code: z.string(), name: z.string(), thresholdFen: z.number().int() }).nullable(),
      reviewOn: IsoDate.nullable(),
    }),
    points: PointsSummary,
    consents: Consents.nullable(),
    /** Set when the member is (or was) staff. */
    staff: z.object({ role: StaffRole, store: StoreRef, disabled: z.boolean() }).nullable(),
    referral: z
      .object({
        /** Who invited this member (null: came on their own). */
        referrer: PersonRef.nullable(),
        invited: z.object({ joined: z.number().int(), qualified: z.number().int(), rejected: z.number().int() }),
      }),
    shortId: z.string().nullable(),
  })
  .meta({ id: 'MemberDetail' })
export type MemberDetail = z.infer<typeof MemberDetail>

export const AdminMemberParams = z.object({ memberId: MemberId })

// ── 规则 ────────────────────────────────────────────────────────────────────────────────────

/** One changed field of the rules, in words: 「积分规则 › 每元积分」 1 → 2. */
export const RuleChange = z
  .object({
    /** Dotted path in the rules document, e.g. `earning.pointsPerYuan`, `tiers[1].thresholdFen`. */
    path: z.string(),
    /** Readable zh-CN label of the path. */
    label: z.string(),
    /** Values as shown to a person (units included), null when the field did not exist. */
    before: z.string().nullable(),
    after: z.string().nullable(),
  })
  .meta({ id: 'RuleChange' })
export type RuleChange = z.infer<typeof RuleChange>

export const RulesVersion = z
  .object({
    version: z.number().int(),
    publishedAt: Timestamp,
    /** Null for the built-in defaults and for versions published before authors were recorded. */
    publishedBy: PersonRef.nullable(),
    /** From the scheduled change that published it, if any. */
    scheduledChangeId: z.string().nullable(),
    /** What changed against the previous version. */
    changes: z.array(RuleChange),
  })
  .meta({ id: 'RulesVersion' })
export const RulesVersionsPage = z.object({ items: z.array(RulesVersion), nextCursor: z.string().nullable() }).meta({ id: 'RulesVersionsPage' })
export type RulesVersionsPage = z.infer<typeof RulesVersionsPage>

/** The sections a scheduled change may carry (earn rates, expiry, tiers); each replaces the whole section. */
export const ScheduledSections = z.enum(['earning', 'points', 'tiers'])

export const ScheduleChangeRequest = z
  .object({
    /** The version the operator edited; a stale one is 409 `rules.version_conflict`. */
    baseVersion: z.number().int().min(1),
    /** The Shanghai date it applies from (at 00:00), at least `ruleChanges.noticeDays` ahead. */
    effectiveOn: IsoDate,
    /** What members are told before it applies. */
    notice: z.string().trim().min(5, '请填写给会员的变更说明').max(300),
    /** Whole sections, as in the rules document; at least one. */
    sections: z
      .object({ earning: z.unknown().optional(), points: z.unknown().optional(), tiers: z.unknown().optional() })
      .strict()
      .refine((s) => Object.values(s).some((v) => v !== undefined), '至少修改一项规则'),
  })
  .strict()
export type ScheduleChangeRequest = z.infer<typeof ScheduleChangeRequest>

export const ScheduledChange = z
  .object({
    id: z.string(),
    status: z.enum(['scheduled', 'applied', 'cancelled', 'failed']),
    effectiveOn: IsoDate,
    notice: z.string(),
    changes: z.array(RuleChange),
    createdAt: Timestamp,
    createdBy: PersonRef.nullable(),
    /** The version it published (status applied) or why it could not apply (failed). */
    appliedVersion: z.number().int().nullable(),
    failure: z.string().nullable(),
  })
  .meta({ id: 'ScheduledChange' })
export type ScheduledChange = z.infer<typeof ScheduledChange>
export const ScheduledChangesList = z.object({ items: z.array(ScheduledChange) }).meta({ id: 'ScheduledChangesList' })
export const ScheduledChangeParams = z.object({ id: z.string().regex(/^rc_[0-9a-z]{10,40}$/, '变更编号格式不正确') })

/** What members are shown before a scheduled change applies (part of the public program). */
export const RulesNotice = z
  .object({ id: z.string(), effectiveOn: IsoDate, notice: z.string(), changes: z.array(RuleChange) })
  .meta({ id: 'RulesNotice' })
export type RulesNotice = z.infer<typeof RulesNotice>

// ── 优惠券 ──────────────────────────────────────────────────────────────────────────────────

export const AdminTemplatesQuery = z
  .object({ status: z.enum(['active', 'paused', 'ended']).optional(), cursor: Cursor.optional(), limit: z.coerce.number().int().min(1).max(50).default(20) })
  .strict()

export const AdminCouponTemplate = CouponTemplate.extend({
  status: z.enum(['scheduled', 'active', 'paused', 'ended', 'sold_out']),
  /** Stock taken (claimed coupons) and left. */
  taken: z.number().int(),
  left: z.number().int(),
  redeemed: z.number().int(),
  endedAt: Timestamp.nullable(),
}).meta({ id: 'AdminCouponTemplate' })
export type AdminCouponTemplate = z.infer<typeof AdminCouponTemplate>
export const AdminTemplatesPage = z.object({ items: z.array(AdminCouponTemplate), nextCursor: z.string().nullable() }).meta({ id: 'AdminTemplatesPage' })
export type AdminTemplatesPage = z.infer<typeof AdminTemplatesPage>

// ── 门店与员工 ───────────────────────────────────────────────────────────────────────────────

export const UpdateStoreRequest = z
  .object({ name: z.string().trim().min(1).max(40).optional(), city: z.string().trim().min(1).max(20).optional(), open: z.boolean().optional() })
  .strict()
  .refine((p) => Object.keys(p).length > 0, '没有需要修改的字段')
export const StoreIdParams = z.object({ storeId: StoreId })

export const StaffQuery = z.object({ storeId: StoreId.optional(), cursor: Cursor.optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }).strict()
export const StaffRow = z
  .object({ person: PersonRef, role: StaffRole, store: StoreRef, disabled: z.boolean(), since: Timestamp })
  .meta({ id: 'StaffRow' })
export type StaffRow = z.infer<typeof StaffRow>
export const StaffPage = z.object({ items: z.array(StaffRow), nextCursor: z.string().nullable() }).meta({ id: 'StaffPage' })
export type StaffPage = z.infer<typeof StaffPage>

// ── 邀请审核 / 欠扣 ─────────────────────────────────────────────────────────────────────────

export const ReviewReferralsQuery = z
  .object({ kind: z.enum(['rejected', 'capped', 'clawed_back']), cursor: Cursor.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) })
  .strict()
export const ReviewReferral = z
  .object({
    at: Timestamp,
    kind: z.enum(['rejected', 'capped', 'clawed_back']),
    invitee: PersonRef,
    referrer: PersonRef,
    /** rejected: why the bind was refused; capped: cap_day / cap_month; clawed_back: why it was taken back. */
    reason: z.string(),
    reasonText: z.string(),
    /** Points taken back (clawed_back), else null. */
    points: z.number().int().nullable(),
  })
  .meta({ id: 'ReviewReferral' })
export const ReviewReferralsPage = z.object({ items: z.array(ReviewReferral), nextCursor: z.string().nullable() }).meta({ id: 'ReviewReferralsPage' })
export type ReviewReferralsPage = z.infer<typeof ReviewReferralsPage>

export const DebtorRow = z
  .object({ member: PersonRef, debt: z.number().int(), available: z.number().int(), updatedAt: Timestamp })
  .meta({ id: 'DebtorRow' })
export const ConsoleDebtorsPage = z.object({ items: z.array(DebtorRow), nextCursor: z.string().nullable() }).meta({ id: 'ConsoleDebtorsPage' })
export type ConsoleDebtorsPage = z.infer<typeof ConsoleDebtorsPage>

// ── 操作记录 ─────────────────────────────────────────────────────────────────────────────────

export const AuditKind = z.enum(['till', 'coupon', 'points', 'staff', 'rules', 'store', 'template'])
export type AuditKind = z.infer<typeof AuditKind>

export const ConsoleAuditQuery = z
  .object({
    from: IsoDate,
    to: IsoDate,
    /** Brand admins only (a manager always sees their own store). */
    storeId: StoreId.optional(),
    staffId: MemberId.optional(),
    memberId: MemberId.optional(),
    kind: AuditKind.optional(),
    cursor: Cursor.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict()
  .refine((q) => q.from <= q.to, '开始日期不能晚于结束日期')
export type ConsoleAuditQuery = z.infer<typeof ConsoleAuditQuery>

export const ConsoleAuditEntry = z
  .object({
    id: z.string(),
    at: Timestamp,
    kind: AuditKind,
    /** The stored action name (`purchase`, `points.adjust`, `coupon_redeem`, …). */
    action: z.string(),
    /** zh-CN label of the action, e.g. 记录消费, 积分调整. */
    actionLabel: z.string(),
    operator: PersonRef,
    store: StoreRef.nullable(),
    member: PersonRef.nullable(),
    orderId: z.string().nullable(),
    amountFen: z.number().int().nullable(),
    points: z.number().int().nullable(),
    /** An adjustment's reason, a rule change's summary. */
    detail: z.string().nullable(),
  })
  .meta({ id: 'ConsoleAuditEntry' })
export type ConsoleAuditEntry = z.infer<typeof ConsoleAuditEntry>
export const ConsoleAuditPage = z.object({ items: z.array(ConsoleAuditEntry), nextCursor: z.string().nullable() }).meta({ id: 'ConsoleAuditPage' })
export type ConsoleAuditPage = z.infer<typeof ConsoleAuditPage>

export const StaffIdParams = z.object({ memberId: MemberId })
