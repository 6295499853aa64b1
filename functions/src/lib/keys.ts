/**
 * Every key string of the single table is built here (see docs/data-model.md).
 * pk/sk are the table keys; gsi1pk/gsi1sk feed the one generic secondary index.
 */
export const keys = {
  member: (memberId: string) => ({ pk: `MEMBER#${memberId}`, sk: 'PROFILE' }),
  openidIdentity: (openid: string) => ({ pk: `OPENID#${openid}`, sk: 'IDENTITY' }),
  memberByUnionid: (unionid: string) => ({ gsi1pk: `UNIONID#${unionid}`, gsi1sk: 'MEMBER' }),
  /** The partition of everything a member owns (account, entries, lots, days, …). */
  memberPartition: (memberId: string) => `MEMBER#${memberId}`,
  account: (memberId: string) => ({ pk: `MEMBER#${memberId}`, sk: 'ACCOUNT' }),
  /** Entries sort by their sequence number (the account version they produced): newest = highest. */
  entry: (memberId: string, seq: number) => ({ pk: `MEMBER#${memberId}`, sk: `ENTRY#${entrySeq(seq)}` }),
  entryPrefix: () => 'ENTRY#',
  idempotency: (key: string) => ({ pk: `IDEMP#${key}`, sk: 'IDEMP' }),
  /** Points of one purchase while inside the return window. */
  pendingLot: (memberId: string, ref: string) => ({ pk: `MEMBER#${memberId}`, sk: `PENDING#${ref}` }),
  /** Sparse index of pending lots by the Shanghai day they activate; removed once settled. */
  pendingDue: (day: string, activateAt: string, memberId: string, ref: string) => ({
    gsi1pk: keys.pendingDueOn(day),
    gsi1sk: `${activateAt}#${memberId}#${ref}`,
  }),
  pendingDueOn: (day: string) => `PENDINGDUE#${day}`,
  pendingPrefix: () => 'PENDING#',
  /** One item per member per expiry month holding points, indexed by month for the expiry job. */
  lotIndex: (memberId: string, month: string) => ({ pk: `MEMBER#${memberId}`, sk: `LOT#${month}`, gsi1pk: `LOTS#${month}`, gsi1sk: memberId }),
  lotsByMonth: (month: string) => ({ gsi1pk: `LOTS#${month}` }),
  /** Sparse index of accounts in debt (set while debt > 0). */
  debtor: (memberId: string) => ({ gsi1pk: keys.debtors(), gsi1sk: memberId }),
  debtors: () => 'DEBTORS',
  audit: (day: string, at: string, id: string) => ({ pk: `AUDIT#${day}`, sk: `${at}#${id}` }),
  /** One item per member per checked-in Shanghai date; sorts by date within the member. */
  checkinDay: (memberId: string, date: string) => ({ pk: `MEMBER#${memberId}`, sk: `CHECKIN#${date}` }),
  checkinPrefix: () => 'CHECKIN#',
  /** Make-ups used in a Shanghai month (a counter, capped by the rules). */
  makeupCount: (memberId: string, month: string) => ({ pk: `MEMBER#${memberId}`, sk: `MAKEUP#${month}` }),
  /** The member-code secret (encrypted), its short id and version. */
  memberCodeSecret: (memberId: string) => ({ pk: `MEMBER#${memberId}`, sk: 'CODESECRET' }),
  /** Short id (the first 8 digits of a member code) → member. */
  shortId: (shortId: string) => ({ pk: `SHORTID#${shortId}`, sk: 'SHORTID' }),
  /** A member code's step used by a till transaction (expires by TTL). */
  memberCodeUse: (memberId: string, step: number) => ({ pk: `MEMBER#${memberId}`, sk: `CODEUSE#${step}` }),
  couponTemplate: (id: string) => ({ pk: `COUPONTPL#${id}`, sk: 'TEMPLATE' }),
  /**
   * Sparse index of templates members can claim or exchange (public or points, not paused), by when
   * they stop being claimable: the coupon center queries `gsi1sk > now` and never reads ended ones.
   */
  couponTemplateOpen: (endsAt: string, id: string) => ({ gsi1pk: 'COUPONTPLS#OPEN', gsi1sk: `${endsAt}#${id}` }),
  couponTemplatesOpen: () => 'COUPONTPLS#OPEN',
  /** The open-templates index's lower bound for templates still claimable at `now`: `{endsAt}#{id}` > `{now}#~` exactly when endsAt > now (`~` sorts after every id character). */
  couponTemplatesOpenAfter: (now: string) => `${now}#~`,
  /** One of a template's stock shards: `taken < total` guards each claim. */
  couponShard: (id: string, shard: number) => ({ pk: `COUPONTPL#${id}`, sk: `SHARD#${String(shard).padStart(3, '0')}` }),
  couponShardPrefix: () => 'SHARD#',
  /** How many coupons of a template a member holds (the per-member limit guards it). */
  couponCount: (memberId: string, templateId: string) => ({ pk: `MEMBER#${memberId}`, sk: `COUPONCOUNT#${templateId}` }),
  coupon: (code: string) => ({ pk: `COUPON#${code}`, sk: 'COUPON' }),
  couponsOfMember: (memberId: string, claimedAt: string, code: string) => ({ gsi1pk: keys.memberCouponsIndex(memberId), gsi1sk: `${claimedAt}#${code}` }),
  /** gsi1 partition of a member's coupons (the wallet). */
  memberCouponsIndex: (memberId: string) => `MEMBERCOUPONS#${memberId}`,
  staffInvite: (code: string) => ({ pk: `INVITE#${code}`, sk: 'INVITE' }),
  /** A till order (brand-wide id; it belongs to the store that recorded it). */
  order: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'ORDER' }),
  /** A till action (purchase, refund, redemption): what void and the audit refer to. */
  tillAction: (actionId: string) => ({ pk: `ACTION#${actionId}`, sk: 'ACTION' }),
  /** The store's immutable audit trail of a Shanghai day. */
  storeAudit: (storeId: string, day: string, at: string, id: string) => ({ pk: `AUDIT#${storeId}#${day}`, sk: `${at}#${id}` }),
  storeAuditDay: (storeId: string, day: string) => `AUDIT#${storeId}#${day}`,
  /** The store's counters for a Shanghai day (the staff summary). */
  storeDay: (storeId: string, day: string) => ({ pk: `STORE#${storeId}`, sk: `DAY#${day}` }),
  /** Qualifying spend of a member in a Shanghai month, net of refunds (tier growth). */
  growth: (memberId: string, month: string) => ({ pk: `MEMBER#${memberId}`, sk: `GROWTH#${month}` }),
  /** The member's tier state; absent = the first tier. */
  tier: (memberId: string) => ({ pk: `MEMBER#${memberId}`, sk: 'TIER' }),
  /** A tier change (upgrade, reversal or review), in time order; the tier version it wrote keeps two changes at one instant apart. */
  tierLog: (memberId: string, at: string, version: number) => ({ pk: `MEMBER#${memberId}`, sk: `${keys.tierLogPrefix()}${at}#${String(version).padStart(8, '0')}` }),
  tierLogPrefix: () => 'TIERLOG#',
  /**
   * A provisional upgrade (by the tier version that wrote it), indexed by when its return window
   * closes. One index partition: it holds only upgrades awaiting confirmation, and each leaves it once confirmed or undone.
   */
  tierConfirm: (memberId: string, id: number, until: string) => ({
    ...keys.tierConfirmItem(memberId, id), gsi1pk: keys.tierConfirmDue(), gsi1sk: `${until}#${memberId}#${id}`,
  }),
  /** The table key alone of a provisional upgrade's confirmation entry (to delete it). */
  tierConfirmItem: (memberId: string, id: number) => ({ pk: `MEMBER#${memberId}`, sk: `TIERUP#${String(id).padStart(8, '0')}` }),
  tierConfirmDue: () => 'TIERCONFIRM',
  /** gsi1 of tier items due for review on a Shanghai date. */
  tierReviewDay: (date: string) => `TIERREVIEW#${date}`,
  /** Members with a birthday in a month (MM), for the birthday gift job. */
  birthdayMonth: (month: string, memberId: string) => ({ pk: keys.birthdayMonthPartition(month), sk: memberId }),
  birthdayMonthPartition: (month: string) => `BIRTHDAY#${month}`,
  /** A member's invite code → the member. */
  refCode: (code: string) => ({ pk: `REFCODE#${code}`, sk: 'REFCODE' }),
  /** Who invited the member (at most one, forever). */
  referral: (inviteeId: string) => ({ pk: `MEMBER#${inviteeId}`, sk: 'REFERRAL' }),
  /** A referrer's invitees, in binding order. */
  referrerInvitee: (referrerId: string, boundAt: string, inviteeId: string) => ({ pk: `MEMBER#${referrerId}`, sk: `INVITEE#${boundAt}#${inviteeId}` }),
  referrerInviteePrefix: () => 'INVITEE#',
  /** A referrer's binds in a Shanghai day (YYYY-MM-DD) or month (YYYY-MM), for the caps. */
  refCount: (referrerId: string, period: string) => ({ pk: `MEMBER#${referrerId}`, sk: `REFCOUNT#${period}` }),
  /** A referrer's counts of invites by status (and qualified total), kept by the referral writes. */
  refStats: (referrerId: string) => ({ pk: `MEMBER#${referrerId}`, sk: 'REFSTATS' }),
  /** One per (inviter, refused invitee): the first refusal is listed, repeats are counted here. */
  refRefused: (referrerId: string, inviteeId: string) => ({ pk: `MEMBER#${referrerId}`, sk: `REFUSED#${inviteeId}` }),
  /** A rewarded qualification by the time its reward leaves the return window (pending until then; TTL after). */
  refDue: (referrerId: string, dueAt: string, inviteeId: string) => ({ pk: `MEMBER#${referrerId}`, sk: `REFDUE#${dueAt}#${inviteeId}` }),
  refDuePrefix: () => 'REFDUE#',
  /** Sparse index of referrals whose rewards are owed (the outbox the repair pass settles). */
  refOwed: (qualifiedAt: string, inviteeId: string) => ({ gsi1pk: keys.refOwedIndex(), gsi1sk: `${qualifiedAt}#${inviteeId}` }),
  refOwedIndex: () => 'REFOWED',
  /** A refused bind (gsi1: all refusals, newest last). */
  refRejection: (inviteeId: string, at: string) => ({ pk: `REFREJECT#${inviteeId}`, sk: at, gsi1pk: keys.refRejectionsIndex(), gsi1sk: `${at}#${inviteeId}` }),
  refRejectionsIndex: () => 'REFERRALS#rejected',
  /** A rate-limit bucket (`staff:{id}`, `referral-bind:{member}`, …): its GCRA time; expires by TTL. */
  rateBucket: (bucket: string) => ({ pk: `RATE#${bucket}`, sk: 'GCRA' }),
  /** The reconciliation pass in progress (where it stopped, its totals, the run's lease). */
  reconcileCheckpoint: () => ({ pk: 'RECONCILE', sk: 'CHECKPOINT' }),
  /** The last finished reconciliation pass (when it started and what it found). */
  reconcileLastPass: () => ({ pk: 'RECONCILE', sk: 'LAST' }),
  programRules: () => ({ pk: 'PROGRAM', sk: 'RULES' }),
  programRulesVersion: (version: number) => ({ pk: 'PROGRAM', sk: `RULES#${String(version).padStart(6, '0')}` }),
  store: (storeId: string) => ({ pk: `STORE#${storeId}`, sk: 'PROFILE' }),
  storesList: () => ({ gsi1pk: 'STORES' }),
  /** A domain event in its member's partition (the event log), also in its Shanghai day's index partition. */
  memberEvent: (memberId: string, day: string, at: string, eventId: string) => ({
    pk: `MEMBER#${memberId}`, sk: `${keys.memberEventPrefix()}${at}#${eventId}`, gsi1pk: keys.eventsOfDay(day), gsi1sk: `${at}#${eventId}`,
  }),
  memberEventPrefix: () => 'EVENT#',
  eventsOfDay: (day: string) => `EVENTS#${day}`,
  /** A reaction that ran for an event (expires by TTL). */
  eventHandled: (eventId: string, reaction: string) => ({ pk: `HANDLED#${eventId}`, sk: reaction }),
  /** A reaction that kept failing for an event, listed newest first for an operator to replay. */
  deadLetter: (id: string, failedAt: string) => ({ ...keys.deadLetterItem(id), gsi1pk: keys.deadLettersIndex(), gsi1sk: `${failedAt}#${id}` }),
  deadLetterItem: (id: string) => ({ pk: `DEADLETTER#${id}`, sk: 'DEADLETTER' }),
  deadLettersIndex: () => 'DEADLETTERS',
  /** The app's one WeChat access token, shared by every container (sealed; with the refresher's lease). */
  wechatAccessToken: (appId: string) => ({ pk: `WECHAT#${appId}`, sk: 'ACCESSTOKEN' }),
  // ── console (B1) ──
  /** The brand's counters of a Shanghai day (YYYY-MM-DD), kept by the stream consumer with each event. */
  brandDayStats: (day: string) => ({ pk: 'STATS#BRAND', sk: `DAY#${day}` }),
  /** The brand's counters of a Shanghai month (YYYY-MM). */
  brandMonthStats: (month: string) => ({ pk: 'STATS#BRAND', sk: `MONTH#${month}` }),
  /** The running sum of every ledger entry's points: what members hold (available + pending − debt). */
  brandLiability: () => ({ pk: 'STATS#BRAND', sk: 'LIABILITY' }),
  /** A coupon template's redemption count (kept by the stream consumer). */
  couponTemplateStats: (id: string) => ({ pk: `COUPONTPL#${id}`, sk: 'STATS' }),
  /** Every template ever created, by creation time (the console's list; the open index holds only those on offer). */
  couponTemplateListing: (createdAt: string, id: string) => ({ pk: keys.couponTemplateListings(), sk: `${createdAt}#${id}` }),
  couponTemplateListings: () => 'COUPONTPLS',
  // ── console (B2) ──
  /** A member bound to a phone (by the phone's keyed hash): the console's exact phone search. Several members may share one number. */
  phoneIndex: (hash: string, memberId: string) => ({ pk: keys.phoneIndexPartition(hash), sk: `MEMBER#${memberId}` }),
  phoneIndexPartition: (hash: string) => `PHONE#${hash}`,
  /** A member by nickname (normalised: NFKC, lower case), partitioned by its first character: the console's prefix search. */
  nicknameIndex: (first: string, normalised: string, memberId: string) => ({ pk: keys.nicknamePartition(first), sk: `${normalised}#${memberId}` }),
  nicknamePartition: (first: string) => `NICKNAME#${first}`,
  /** A store's staff member (or former one, disabled); gsi1 lists every store's staff in one partition. */
  storeStaff: (storeId: string, memberId: string) => ({ ...keys.storeStaffItem(storeId, memberId), gsi1pk: keys.staffIndex(), gsi1sk: `${storeId}#${memberId}` }),
  storeStaffItem: (storeId: string, memberId: string) => ({ pk: `STORE#${storeId}`, sk: `${keys.storeStaffPrefix()}${memberId}` }),
  storeStaffPrefix: () => 'STAFF#',
  staffIndex: () => 'STAFF',
  // ── console (B3) ──
  /** Every rules version, newest first (`RULES#{N:06}`; the current document `RULES` sorts before them). */
  programRulesVersionPrefix: () => 'RULES#',
  /**
   * A rule change scheduled for a date (id `rc_…`); while it is still scheduled it carries the
   * sparse index entry (gsi1 `RULECHANGES` / `{effectiveOn}#{id}`) that the apply job and members' notices read.
   */
  scheduledChange: (id: string) => ({ pk: 'PROGRAM', sk: `${keys.scheduledChangePrefix()}${id}` }),
  scheduledChangePrefix: () => 'SCHEDULED#',
  scheduledChangeDue: (effectiveOn: string, id: string) => ({ gsi1pk: keys.scheduledChangesIndex(), gsi1sk: `${effectiveOn}#${id}` }),
  scheduledChangesIndex: () => 'RULECHANGES',
  /** The scheduled changes index's upper bound for changes due on or before a date (`~` sorts after every id character). */
  scheduledChangesDueBy: (date: string) => `${date}#~`,
  /** At most one scheduled change per effective date: held while a change for that date is scheduled. */
  scheduledChangeDate: (effectiveOn: string) => ({ pk: 'PROGRAM', sk: `SCHEDULEDON#${effectiveOn}` }),
  /** The brand's audit trail of a Shanghai day (entries `{at}#{id}`, see `audit`). */
  brandAuditDay: (day: string) => `AUDIT#${day}`,
  /**
   * A referral for operators to review (`capped`: bound unrewarded over a cap; `clawed_back`: its
   * rewards taken back), once per invitee and kind, in the invitee's partition; gsi1 lists each kind newest last.
   */
  refReview: (kind: 'capped' | 'clawed_back', inviteeId: string, at: string) => ({
    pk: `MEMBER#${inviteeId}`, sk: `REFREVIEW#${kind}`, gsi1pk: keys.refReviewIndex(kind), gsi1sk: `${at}#${inviteeId}`,
  }),
  refReviewIndex: (kind: 'capped' | 'clawed_back') => `REFERRALS#${kind}`,
} as const

/** Ten digits, so sequence numbers sort as strings. */
export const entrySeq = (seq: number) => String(seq).padStart(10, '0')
