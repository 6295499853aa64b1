import type { TillAction } from '@siyu/shared/schemas/staff'
import type { TillRole } from '@/components/role-badges/roles'
import type { Program } from '@/store/program'

/** The till's numbers from the program rules. */
export interface TillRules {
  /** Points for 1 元 off. */
  redeemPointsPerYuan: number
  maxRedeemPointsPerOrder: number
  /** How long a clerk may undo their own action. */
  voidWindowMinutes: number
}

/**
 * The rules document's defaults (`rules.till` in shared/src/rules/program-rules.ts), shown only
 * until the public program (GET /v1/program) has loaded; the server has the last word anyway
 * (e.g. `till.redemption_cap`).
 */
export const DEFAULT_TILL_RULES: TillRules = { redeemPointsPerYuan: 100, maxRedeemPointsPerOrder: 10_000, voidWindowMinutes: 15 }

export function tillRulesOf(program: Program | undefined): TillRules {
  if (!program) return DEFAULT_TILL_RULES
  const { redeemPointsPerYuan, maxRedeemPointsPerOrder, voidWindowMinutes } = program.till
  return { redeemPointsPerYuan, maxRedeemPointsPerOrder, voidWindowMinutes }
}

/** The most points a member can redeem on one order: what they have, within the per-order cap. */
export const redeemableMax = (available: number, rules: TillRules) => Math.max(0, Math.min(available, rules.maxRedeemPointsPerOrder))

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000
const shanghaiDay = (at: Date) => new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)

/**
 * Whether the result view offers 撤销: purchases and redemptions not yet voided, by a clerk
 * within the void window, by a manager on the same Shanghai day. The server decides for real
 * (`till.void_window_passed`, `till.void_not_allowed`); this only hides a button bound to fail.
 */
export function canVoid(action: Pick<TillAction, 'kind' | 'voided' | 'at'>, role: TillRole, now: Date, rules: TillRules): boolean {
  if (action.kind === 'refund' || action.voided) return false
  const at = new Date(action.at)
  if (role === 'manager') return shanghaiDay(at) === shanghaiDay(now)
  return now.getTime() - at.getTime() < rules.voidWindowMinutes * 60_000
}
